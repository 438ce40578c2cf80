"""Quality of therapy-kg's extractors on public benchmarks annotated by others (read from ../shared/external)."""
