"""marshmallow schemas: the only place where records become JSON and JSON becomes data."""
