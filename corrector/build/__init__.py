"""Scripts that build the project's language data from public sources (see wordlists/README.md)."""
