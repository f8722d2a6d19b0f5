"""The one writer: exclusive creation, planted links refused (dangling too), --force replaces
the link itself, two runs claim each file once, Ctrl-C leaves no temporary file."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from inet_stages.io import writes
from inet_stages.io.writes import WriteRefused, write_atomic, write_many
from tests.conftest import REPO, Run
from tests.offer_factory import offer_text

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links of POSIX")

CONTACTS = REPO / "tests" / "data" / "contacts.csv"
MULHOUSE = "appel-2026-2027-camille.martin@mulhouse.example.fr.eml"


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".inet-"))


def test_a_dangling_link_is_refused_and_its_target_never_created(tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs" / "cible.txt"
    outside.parent.mkdir()
    planted = tmp_path / "sortie.txt"
    planted.symlink_to(outside)
    with pytest.raises(WriteRefused, match="lien symbolique") as caught:
        write_atomic(planted, "x")
    assert caught.value.link
    assert not outside.exists()
    write_atomic(planted, "x", force=True)
    assert not planted.is_symlink() and planted.read_text(encoding="utf-8") == "x"
    assert not outside.exists()
    assert _temporaries(tmp_path) == []


def test_a_link_to_a_file_is_refused_then_replaced_itself(cli: Run, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("à garder\n", encoding="utf-8")
    planted = tmp_path / "calendrier.csv"
    planted.symlink_to(secret)
    refused = cli("export", "csv", "-o", str(planted))
    assert refused.exit_code == 2 and "lien symbolique" in refused.stderr
    forced = cli("export", "csv", "-o", str(planted), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert not planted.is_symlink()
    assert secret.read_text(encoding="utf-8") == "à garder\n"


def test_import_refuses_a_planted_dangling_link(cli: Run, tmp_path: Path) -> None:
    import csv

    source = tmp_path / "offres.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(["Structure", "Stage", "Intitulé"])
        writer.writerow(["Ville de Colmar", "Stage thématique", "Finances"])
    out = tmp_path / "offres"
    out.mkdir()
    outside = tmp_path / "ailleurs.toml"
    (out / "ville-de-colmar-thematique.toml").symlink_to(outside)
    result = cli("import", str(source), "-o", str(out), "--today", "2025-10-01", "-f", "json")
    assert "lien symbolique" in result.stdout
    assert not outside.exists()
    assert (out / "ville-de-colmar-thematique.toml").is_symlink()


def test_call_refuses_a_planted_link_and_writes_the_others(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "appel"
    out.mkdir()
    outside = tmp_path / "vole.eml"
    (out / MULHOUSE).symlink_to(outside)
    result = cli("call", "--contacts", str(CONTACTS), "-o", str(out), "--today", "2025-10-01")
    assert result.exit_code == 2
    assert "lien symbolique" in result.stderr
    assert not outside.exists()
    assert len([p for p in out.iterdir() if not p.is_symlink()]) >= 3


def test_two_call_runs_claim_each_draft_once(tmp_path: Path) -> None:
    out = tmp_path / "appel"
    out.mkdir()
    names = [out / f"d{i}.eml" for i in range(200)]
    outcomes: dict[str, list[WriteRefused | None]] = {}
    barrier = threading.Barrier(2)

    def run(label: str) -> None:
        barrier.wait()
        outcomes[label] = write_many([(n, label.encode()) for n in names])

    threads = [threading.Thread(target=run, args=(label,)) for label in "AB"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for index, name in enumerate(names):
        won = [label for label in "AB" if outcomes[label][index] is None]
        assert len(won) == 1, (name, won)
        lost = outcomes["B" if won == ["A"] else "A"][index]
        assert lost is not None and lost.taken
        assert name.read_bytes() == won[0].encode()
    assert _temporaries(out) == []


def test_a_second_call_keeps_the_drafts_and_says_so(cli: Run, tmp_path: Path) -> None:
    import json

    out = tmp_path / "appel"
    args = ["call", "--contacts", str(CONTACTS), "-o", str(out), "--today", "2025-10-01"]
    first = json.loads(cli(*args, "-f", "json").stdout)
    second = json.loads(cli(*args, "-f", "json").stdout)
    assert all(d["written"] for d in first["drafts"])
    assert not any(d["written"] for d in second["drafts"])


def test_removing_a_contact_keeps_the_names_of_the_others(cli: Run, tmp_path: Path) -> None:
    import json

    lines = CONTACTS.read_text(encoding="utf-8").splitlines(keepends=True)
    fewer = tmp_path / "moins.csv"
    fewer.write_text(lines[0] + "".join(lines[2:]), encoding="utf-8")  # Mulhouse removed

    def drafts(path: Path, out: str) -> dict[str, str]:
        args = ["call", "--contacts", str(path), "-o", str(tmp_path / out), "--today"]
        document = json.loads(cli(*args, "2025-10-01", "-f", "json").stdout)
        return {Path(d["path"]).name: d["email"] for d in document["drafts"]}

    every = drafts(CONTACTS, "a")
    kept = drafts(fewer, "b")
    assert MULHOUSE in every and MULHOUSE not in kept
    for name, email in kept.items():
        assert every[name] == email  # same name, same person
        assert email.casefold() in name


def test_address_stems_are_distinct_and_safe() -> None:
    from inet_stages.call.plan import address_stem

    assert address_stem("Camille.Martin@Mulhouse.fr") == "camille.martin@mulhouse.fr"
    assert address_stem("a.b@x.fr") != address_stem("a-b@x.fr")
    assert address_stem("a/b@x.fr") != address_stem("a%2Fb@x.fr")
    assert "/" not in address_stem("../../etc@x.fr")
    assert not address_stem("..x@y.fr").startswith(".")
    assert len(address_stem("é" * 300 + "@x.fr").encode()) < 200


def test_ctrl_c_in_a_batch_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = writes._open_exclusive
    calls = []

    def interrupted(path: str, mode: int) -> int:
        calls.append(path)
        descriptor = real(path, mode)
        if len(calls) == 5:
            os.close(descriptor)  # the fifth file exists, its creator never returns
            raise KeyboardInterrupt
        return descriptor

    monkeypatch.setattr(writes, "_open_exclusive", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_many([(tmp_path / f"o{i}.toml", "x") for i in range(10)])
    assert _temporaries(tmp_path) == []

    def interrupt_sync() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writes, "_open_exclusive", real)
    monkeypatch.setattr(os, "sync", interrupt_sync)
    with pytest.raises(KeyboardInterrupt):
        write_many([(tmp_path / f"p{i}.toml", "x") for i in range(10)])
    assert _temporaries(tmp_path) == []


def test_letters_refuse_a_planted_link(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    (offers / "colmar.toml").write_text(offer_text(), encoding="utf-8")
    letters = tmp_path / "lettres"
    letters.mkdir()
    outside = tmp_path / "vole.eml"
    (letters / "colmar.eml").symlink_to(outside)
    result = cli("report", str(offers), "--today", "2026-01-20", "--letters", str(letters))
    assert result.exit_code == 2
    assert "lien symbolique" in result.stderr
    assert not outside.exists()


def test_the_umask_is_never_changed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def no_umask(_mask: int) -> int:
        raise AssertionError("umask changed")

    monkeypatch.setattr(os, "umask", no_umask)
    write_atomic(tmp_path / "a.txt", "a")
    write_many([(tmp_path / "b.txt", "b")])
    assert not hasattr(writes, "current_umask")


def test_ctrl_c_in_an_import_leaves_no_temporary(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "offres.csv"
    rows = [f"Ville {n};Stage thématique;Mission {n}" for n in range(12)]
    source.write_text("Structure;Stage;Intitulé\n" + "\n".join(rows) + "\n", encoding="utf-8")
    real = writes._fill
    for stop in (1, 6, 12):
        calls: list[str] = []

        def fill(
            temporary: str,
            data: bytes,
            mode: int | None,
            *,
            sync: bool = True,
            calls: list[str] = calls,
            stop: int = stop,
        ) -> None:
            calls.append(temporary)
            if len(calls) == stop:
                raise KeyboardInterrupt
            real(temporary, data, mode, sync=sync)

        monkeypatch.setattr(writes, "_fill", fill)
        out = tmp_path / f"o{stop}"
        result = cli("import", str(source), "-o", str(out), "--today", "2025-10-01")
        assert result.exit_code == 130, result.stderr
        assert _temporaries(out) == []


def test_two_call_processes_write_each_draft_once(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    out = tmp_path / "appel"
    env = {**os.environ, "NO_COLOR": "1", "INET_STAGES_HOME": str(tmp_path / "home")}
    env.pop("INET_STAGES_CALENDAR", None)
    command = [sys.executable, "-m", "inet_stages", "call", "--contacts", str(CONTACTS), "-o",
               str(out), "--today", "2025-10-01", "-f", "json"]  # fmt: skip
    runs = [subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE) for _ in range(2)]
    documents = [json.loads(run.communicate(timeout=120)[0]) for run in runs]
    written: dict[str, int] = {}
    for document in documents:
        for draft in document["drafts"]:
            written[draft["path"]] = written.get(draft["path"], 0) + int(draft["written"])
    assert written and all(count == 1 for count in written.values()), written
    assert _temporaries(out) == []
