"""Extract entities, context cues, citations and findings from sentences."""
