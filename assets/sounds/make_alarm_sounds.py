"""Synthesise the alarm sounds shipped beside this file (16-bit mono WAV, stdlib only).

    python assets/sounds/make_alarm_sounds.py

Deterministic: running it again rewrites the same bytes. One sound per priority:

- ``alarm_critical.wav``: a fast two-tone (880 / 1,320 Hz) warble, four times, ~1.2 s: urgent
  and hard to miss in a busy room;
- ``alarm_high.wav``: two calm 660 Hz beeps, ~0.7 s.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
AMPLITUDE = 0.5
FADE_S = 0.01

# (frequency Hz or 0 for silence, seconds)
SOUNDS: dict[str, list[tuple[float, float]]] = {
    "alarm_critical.wav": [(880, 0.12), (1320, 0.12), (0, 0.04)] * 4 + [(0, 0.1)],
    "alarm_high.wav": [(660, 0.2), (0, 0.12), (660, 0.2), (0, 0.15)],
}


def tone(freq: float, seconds: float) -> list[int]:
    """Samples of a sine (silence for 0 Hz) with short fades, so no clicks between notes."""
    count = round(seconds * RATE)
    fade = max(1, round(FADE_S * RATE))
    out = []
    for i in range(count):
        if freq <= 0:
            out.append(0)
            continue
        envelope = min(1.0, i / fade, (count - 1 - i) / fade)
        value = AMPLITUDE * envelope * math.sin(2 * math.pi * freq * i / RATE)
        out.append(round(value * 32767))
    return out


def write(path: Path, notes: list[tuple[float, float]]) -> None:
    samples = [s for freq, seconds in notes for s in tone(freq, seconds)]
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def main() -> None:
    here = Path(__file__).resolve().parent
    for name, notes in SOUNDS.items():
        write(here / name, notes)
        print(here / name)  # noqa: T201 - a script's output


if __name__ == "__main__":
    main()
