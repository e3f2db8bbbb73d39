"""File writers of an export, one per format; each takes frames' pixels (or, for the HTML
replay, the frames' views) one at a time and finishes the file at ``close()``.

- GIF: Pillow, one global palette (median cut over a sample of the frames plus every colour
  of our colour maps), so colours never flicker between frames and unchanged areas compress
  away.
- MP4: H.264 by imageio-ffmpeg's bundled ffmpeg binary (never a system one), run here.
- PNG: Pillow, one frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from mlscope.core.colors import COLORMAPS, LABEL_COLORS

RGB = NDArray[np.uint8]


class PixelWriter(Protocol):
    def add(self, rgb: RGB) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


def _known_colours() -> RGB:
    """Every colour our renderers paint from: the colour maps, the label colours, greys."""
    rows = [lut for lut in COLORMAPS.values()]
    labels = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in LABEL_COLORS],
                      dtype=np.uint8)
    grey = np.repeat(np.linspace(0, 255, 32).astype(np.uint8)[:, None], 3, axis=1)
    return np.concatenate([*rows, labels, grey]).astype(np.uint8)


PALETTE_SAMPLES = 8
"""Frames (evenly spaced, first and last included) the GIF's palette is chosen from."""


def palette_for(frames: list[RGB]) -> Image.Image:
    """A 256-colour palette image for a recording: median cut over a sample of its frames
    (every other pixel of each) plus every colour of our colour maps. Sampling the whole
    recording gives room to a colour that appears only later (a descent's path, a class
    that grows), which a palette from the first frame alone maps to the nearest grey."""
    known = _known_colours()
    pick = np.unique(np.linspace(0, len(frames) - 1, min(PALETTE_SAMPLES, len(frames)))
                     .round().astype(int))
    sample = np.concatenate([frames[int(k)][::2, ::2] for k in pick])
    w = sample.shape[1]
    # The known colours as a strip below the sample: median cut gives them room even when
    # the recording hardly shows them (a heatmap that starts white and turns blue).
    strip = np.resize(known, (max(len(known) // w + 1, 1) * w, 3)).reshape(-1, w, 3)
    strip = np.repeat(strip, max(1, frames[0].shape[0] // (8 * strip.shape[0])), axis=0)
    ref = Image.fromarray(np.ascontiguousarray(np.concatenate([sample, strip])))
    return ref.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def quantize(rgb: RGB, palette: Image.Image) -> Image.Image:
    return Image.fromarray(rgb).quantize(palette=palette, dither=Image.Dither.NONE)


class GifWriter:
    """Frames are kept as they come; at ``close()`` one palette is chosen from a sample of
    them (so colours never flicker between frames and unchanged areas compress away), every
    frame is quantised to it, and the file is written: a GIF's frames are stored as
    differences, which Pillow works out over the whole sequence."""

    def __init__(self, path: Path, fps: float) -> None:
        self.path, self.fps = path, fps
        self.frames: list[RGB] = []

    def add(self, rgb: RGB) -> None:
        self.frames.append(np.ascontiguousarray(rgb, dtype=np.uint8))

    def close(self) -> None:
        palette = palette_for(self.frames)
        first, *rest = [quantize(rgb, palette) for rgb in self.frames]
        first.save(self.path, format="GIF", save_all=True, append_images=rest,
                   duration=round(1000 / self.fps), loop=0, optimize=False, disposal=1)
        self.frames.clear()

    def abort(self) -> None:
        self.frames.clear()
        self.path.unlink(missing_ok=True)


class Mp4Writer:
    """H.264 (yuv420p, so any player shows it) by imageio-ffmpeg's bundled ffmpeg binary,
    fed raw RGB frames on a pipe."""

    def __init__(self, path: Path, fps: float, size: tuple[int, int]) -> None:
        import subprocess

        import imageio_ffmpeg

        w, h = size
        self.even = (w + w % 2, h + h % 2)  # yuv420p needs even sides: pad with white
        self.path = path
        cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error",
               "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{self.even[0]}x{self.even[1]}",
               "-r", f"{fps:g}", "-i", "-", "-an", "-c:v", "libx264", "-pix_fmt", "yuv420p",
               "-crf", "20", "-preset", "veryfast", "-movflags", "+faststart", str(path)]
        self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE)

    def add(self, rgb: RGB) -> None:
        h, w = rgb.shape[:2]
        if (w, h) != self.even:
            padded = np.full((self.even[1], self.even[0], 3), 255, dtype=np.uint8)
            padded[:h, :w] = rgb
            rgb = padded
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(np.ascontiguousarray(rgb).tobytes())
        except BrokenPipeError:
            raise OSError(f"ffmpeg stopped: {self._finish()}") from None

    def _finish(self) -> str:
        """Close the pipe, wait for ffmpeg; its error output."""
        assert self._proc.stdin is not None and self._proc.stderr is not None
        if not self._proc.stdin.closed:
            self._proc.stdin.close()
        err = self._proc.stderr.read().decode(errors="replace").strip()
        self._proc.stderr.close()
        self._proc.wait()
        return err

    def close(self) -> None:
        err = self._finish()
        if self._proc.returncode:
            raise OSError(f"ffmpeg could not write {self.path}: {err}")

    def abort(self) -> None:
        self._proc.kill()
        self._finish()
        self.path.unlink(missing_ok=True)


class PngWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.rgb: RGB | None = None

    def add(self, rgb: RGB) -> None:
        if self.rgb is not None:
            raise ValueError("a PNG holds one frame")
        self.rgb = rgb

    def close(self) -> None:
        assert self.rgb is not None
        Image.fromarray(self.rgb).save(self.path, format="PNG", optimize=True)

    def abort(self) -> None:
        self.path.unlink(missing_ok=True)
