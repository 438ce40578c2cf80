"""Evidence synthesis: the weight of the findings behind each therapy-outcome claim."""
