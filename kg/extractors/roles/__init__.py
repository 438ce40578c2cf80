"""Roles: which therapy a claim is about (the one claimed, a comparator, a co-therapy), the
trial arms a document compares, unnamed therapies from their place in a claim, and the
population's condition."""
