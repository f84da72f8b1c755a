"""The WSGI entry point: `flask --app wsgi ...` and `gunicorn wsgi:app`."""

from core import create_app

app = create_app()
