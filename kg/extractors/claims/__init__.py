"""Claims: the triggers of change and the named readers of the constructions around them
(`readers.py`), the outcomes they act on with their direction, negation and hedging, and the
sentences that state no finding."""
