"""Each record type's fields, declared once: the schemas in records.py.

What a reporter may send is ``DeviationDataSchema`` / ``IdeaDataSchema``; what
the API shows is ``DeviationSchema`` / ``IdeaSchema``. Every other list of a
record's fields is derived from them here, never written out again:

- ``REPORTER_FIELDS``: the data schema's fields, in order (the tablet's own
  list, static/js/store/records.js ``FIELDS``, is checked against it by
  tests/unit/test_record_fields.py);
- ``COPIED``: the fields stored as sent (services/records.py assigns them);
- ``FREE_TEXT``: the ``Text`` fields, where the personal-id guard looks;
- ``NEW_ROW_COLUMNS``: the columns a new report's row sets from the reporter's
  data (the SQLite bulk insert and the PostgreSQL statement of services/push/);
- ``NEW_RECORD_EMPTY``: what a new report shows before anyone decided anything
  (every field of the record schema that reads an attribute: None, a list empty);
- ``PDSA_FIELDS``: the notes of ``PdsaDataSchema``.

docs/adding-a-field.md is the recipe for a new field.
"""

from marshmallow import fields

from app.schemas.fields import Text
from app.schemas.records import DATA_SCHEMAS, DeviationSchema, IdeaSchema, PdsaDataSchema

KINDS = ("deviation", "idea")
# Reporter fields the service resolves before storing them, and the column
# each ends in: the code of one of the unit's active categories, and a
# deviation the person may see (a new idea pointing at one is stored one by one).
RESOLVED = {"category": "category_id", "deviation_id": "deviation_id"}
SHOWN = {"deviation": DeviationSchema(), "idea": IdeaSchema()}

REPORTER_FIELDS = {kind: tuple(DATA_SCHEMAS[(kind, "create")].fields) for kind in KINDS}
COPIED = {kind: tuple(f for f in REPORTER_FIELDS[kind] if f not in RESOLVED) for kind in KINDS}
FREE_TEXT = {
    kind: tuple(
        name
        for name, field in DATA_SCHEMAS[(kind, "create")].fields.items()
        if isinstance(field, Text)
    )
    for kind in KINDS
}
NEW_ROW_COLUMNS = {
    kind: COPIED[kind] + tuple(RESOLVED[f] for f in REPORTER_FIELDS[kind] if f in RESOLVED)
    for kind in KINDS
}
NEW_RECORD_EMPTY = {
    kind: {
        (field.attribute or name): [] if isinstance(field, fields.List) else None
        for name, field in schema.dump_fields.items()
        if field._CHECK_ATTRIBUTE
    }
    for kind, schema in SHOWN.items()
}
PDSA_FIELDS = tuple(PdsaDataSchema().fields)
