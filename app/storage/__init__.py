"""Storage: SQLAlchemy Core tables, Alembic migrations, and the Database that opens them."""
