// Starts Swagger UI on /api/v1/docs. A file, not an inline script, so the page keeps CSP script-src 'self'.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    domNode: root,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    // The session cookie authorises "Try it out"; writes go as application/json, as the API requires.
    withCredentials: true,
  });
});
