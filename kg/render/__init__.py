"""Draw the knowledge graph as a self-contained interactive HTML page."""
