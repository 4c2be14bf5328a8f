"""Type stubs of bordermap (the native module `bordermap._bordermap`)."""

import datetime
import os
from typing import Any, Literal, Optional, Sequence, Tuple, Union

__version__: str

_Path = Union[str, "os.PathLike[str]"]
_Date = Union[str, datetime.date]
Size = Literal["web", "inline", "phone", "social", "square", "a4"]
Format = Literal["svg", "png", "pdf"]

class BordermapError(ValueError):
    """An error of bordermap: bad input or a file that cannot be read or written."""

    file: Optional[str]
    """The file the error is in, as given (or a name such as `<builtin>/...`)."""
    line: Optional[int]
    """1-based line in `file`."""
    column: Optional[int]
    """1-based column in `file`."""
    km: Optional[float]
    """Position along the border, km from its start."""
    feature: Optional[int]
    """0-based index of the feature in a FeatureCollection."""
    hint: str
    """What to do about it, worded with the Python argument names."""
    kind: Literal["input", "io", "limit"]
    """Bad input, reading or writing failed, or a documented limit was exceeded."""

def load(
    border: Optional[_Path] = None,
    between: Union[None, str, Sequence[str]] = None,
    layers: Optional[_Path] = None,
    places: Optional[_Path] = None,
    **options: Any,
) -> Dataset:
    """Loads a border with its layers and places (default: the embedded Iraq–Syria dataset).

    border: a GeoJSON file, or "@iraq-syria" / "@iraq-syria-osm". between: two countries
    (names or ISO codes) instead of a border, e.g. ("Iraq", "Jordan"). layers: the layers file
    (TOML). places: a GeoJSON of Points. options: other story keys (tags=[...], map settings
    every render() starts from); story=PATH reads a story file first.
    """

class Dataset:
    """A loaded border with its layers and places."""

    @property
    def name(self) -> str:
        """The border's name."""
    @property
    def length_m(self) -> float:
        """The border's geodesic length on WGS84, metres."""
    def measure(self, as_of: Optional[_Date] = None) -> Result:
        """Segments and totals on `as_of` ("YYYY-MM-DD", "YYYY-MM", "YYYY", "today" or a
        date; default: the layers file's date), lengths in metres."""
    def render(
        self,
        as_of: Optional[_Date] = None,
        size: Optional[Size] = None,
        lang: Optional[str] = None,
        format: Optional[Format] = None,
        story: Optional[_Path] = None,
        **options: Any,
    ) -> Map:
        """Draws the map on `as_of`. size: page preset (default "web", 1200 × 900 px); lang:
        the map's language (default "en"); format: "svg" (default), "png" or "pdf"; story: a
        story file whose map settings apply; options: every other `render` setting by its
        story key, e.g. width=800 (px), scale=2 (PNG pixels per px), zoom_km=60 (km)."""

class Result:
    """A measured border: plain lists and dicts, the contract of `measure --format json`."""

    @property
    def segments(self) -> list[dict[str, Any]]:
        """Segments along the border: index, from_m, to_m, length_m (metres), values, sources."""
    @property
    def totals(self) -> dict[str, dict[str, dict[str, float]]]:
        """Per layer, per value: {"length_m": metres, "share": 0..1}."""
    @property
    def total_m(self) -> float:
        """The border's length, metres (to the millimetre)."""
    @property
    def as_of(self) -> Optional[str]:
        """The date measured."""
    @property
    def issues(self) -> list[dict[str, Any]]:
        """Gaps and overlaps (from_m, to_m in metres)."""
    @property
    def warnings(self) -> list[str]:
        """Warnings about the data, for the editor."""
    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The segments as a GeoJSON FeatureCollection of LineStrings ([lon, lat] degrees)."""
    def to_dict(self) -> dict[str, Any]:
        """The whole JSON document as a dict."""
    def to_json(self) -> str:
        """The JSON text `measure --format json` writes, byte for byte."""
    def to_pandas(self) -> Any:
        """The segments as a pandas DataFrame (needs pandas)."""

class Map:
    """A rendered map; shows itself in Jupyter."""

    @property
    def format(self) -> Format:
        """The format asked for."""
    @property
    def svg(self) -> bytes:
        """The SVG document."""
    @property
    def png(self) -> bytes:
        """The PNG image (scale pixels per page px)."""
    @property
    def pdf(self) -> bytes:
        """The one-page vector PDF (page: px × 0.75 pt)."""
    @property
    def size(self) -> Tuple[float, float]:
        """Page width and height, px."""
    @property
    def warnings(self) -> list[str]:
        """What the layout left out, and stale-data warnings."""
    def save(self, path: _Path) -> None:
        """Writes the map atomically; the format is the file name's (.svg, .png, .pdf)."""
    def _repr_svg_(self) -> Optional[str]: ...
    def _repr_png_(self) -> Optional[bytes]: ...
