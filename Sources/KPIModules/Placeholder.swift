// Built-in per-product modules live here.
