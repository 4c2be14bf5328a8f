"""bordermap: annotated maps of borders, with every segment measured on the WGS84 ellipsoid.

    >>> import bordermap
    >>> ds = bordermap.load()                  # the embedded Iraq–Syria dataset
    >>> result = ds.measure()                   # lengths in metres, to the millimetre
    >>> result.totals["authority"]["SDF"]["length_m"]
    >>> m = ds.render(size="inline")            # shows itself in Jupyter; m.svg is the bytes
    >>> m.save("iraq-syria.png")                # written atomically, the format by its name

Errors are ``bordermap.BordermapError`` (a ``ValueError``) with ``file``, ``line``,
``column``, ``km`` and ``hint``. Measuring and rendering release the GIL, so threads draw
maps in parallel.
"""

from ._bordermap import BordermapError, Dataset, Map, Result, __version__, load

__all__ = ["BordermapError", "Dataset", "Map", "Result", "__version__", "load"]
