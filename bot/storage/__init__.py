"""Storage: SQLAlchemy 2 models, small repository functions that never commit, migrations."""
