"""Figures of the guard on a labelled set: recall on personal data, false refusals on
legitimate text, warnings. Used by the evaluation test and ``bench/bench_guard.py``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .guard import certain, find_personal_data


@dataclass
class Figures:
    personal: int = 0
    refused: int = 0  # personal cases refused (tier certain)
    possible: int = 0
    warned: int = 0  # possible cases that got at least a warning
    legitimate: int = 0
    false_refusals: int = 0
    false_warnings: int = 0  # legitimate text that got a warning (not a refusal)
    missed: list[str] = field(default_factory=list)
    wrongly_refused: list[str] = field(default_factory=list)
    not_warned: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.refused / self.personal if self.personal else 1.0

    @property
    def false_refusal_rate(self) -> float:
        return self.false_refusals / self.legitimate if self.legitimate else 0.0

    @property
    def warning_recall(self) -> float:
        return self.warned / self.possible if self.possible else 1.0

    @property
    def warning_rate_on_legitimate(self) -> float:
        return self.false_warnings / self.legitimate if self.legitimate else 0.0

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(
            recall=round(self.recall, 4),
            false_refusal_rate=round(self.false_refusal_rate, 4),
            warning_recall=round(self.warning_recall, 4),
            warning_rate_on_legitimate=round(self.warning_rate_on_legitimate, 4),
            cases=self.personal + self.possible + self.legitimate,
        )
        return data


def evaluate(personal, possible, legitimate) -> Figures:
    figures = Figures()
    for _kind, text in personal:
        figures.personal += 1
        if certain(find_personal_data(text)):
            figures.refused += 1
        else:
            figures.missed.append(text)
    for text in possible:
        figures.possible += 1
        if find_personal_data(text):
            figures.warned += 1
        else:
            figures.not_warned.append(text)
    for text in legitimate:
        figures.legitimate += 1
        found = find_personal_data(text)
        if certain(found):
            figures.false_refusals += 1
            figures.wrongly_refused.append(text)
        elif found:
            figures.false_warnings += 1
    return figures
