"""Query understanding: what a search box's free text says beyond its words (docs/architecture.md,
decision 5). One module per kind of understanding; each is pure and cheap at query time."""
