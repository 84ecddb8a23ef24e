"""The layout-variation bench's parts: the corpus truth read back into tables (source), the
named layout dimensions and the variants drawn from a seed (layouts), the report identity a
redrawn document must still print (identity) and the PDF drawing with its own truth (render)."""
