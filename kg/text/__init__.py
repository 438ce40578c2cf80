"""Split text into sentences and tokens, keeping character offsets."""
