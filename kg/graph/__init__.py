"""Build, read, query and validate therapy-kg graphs."""
