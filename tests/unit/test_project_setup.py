"""What a newcomer meets on a fresh clone: the Makefile, the system packages, logs, demo data, docs."""

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [ROOT / name for name in listed.split("\0") if name and (ROOT / name).is_file()]


# Logs


def test_a_django_log_line_prints_once():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('marker-request'); "
        "logging.getLogger('django.server').info('marker-server')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("marker-request") == 1
    # runserver's request lines: once, with their time stamp
    assert re.search(r"^\[[^\]]+\] marker-server$", done.stderr, re.M)
    assert done.stderr.count("marker-server") == 1


# make run HOST=...: SITE_URL follows it


def _site_url_under_make(tmp_path, env_file: str | None = None, **environ) -> str:
    if shutil.which("make") is None:
        pytest.fail("make is needed for the README's two commands: apt-get install make")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    if env_file is not None:
        (tmp_path / ".env").write_text(env_file)
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | environ
    done = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", "site-url: ; @echo $$SITE_URL"]
        + ["site-url", "HOST=127.0.0.1:8011"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_make_run_on_another_port_puts_that_port_in_qr_codes(tmp_path):
    assert _site_url_under_make(tmp_path) == "http://127.0.0.1:8011"


def test_an_explicit_site_url_wins_over_host(tmp_path):
    assert (
        _site_url_under_make(tmp_path, SITE_URL="https://learn.example.th")
        == "https://learn.example.th"
    )
    # Set in .env: make leaves it to the settings, which read .env
    assert _site_url_under_make(tmp_path, env_file="SITE_URL=https://learn.example.th\n") == ""


# scripts/system-packages: installs as root on Debian, otherwise one line naming what is missing


def _fake_system(tmp_path, missing: str, uid: int) -> dict:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scripts = {
        # dpkg-query -W -f=... PACKAGE: installed unless PACKAGE is in $MISSING
        "dpkg-query": 'for last; do :; done\ncase " $MISSING " in *" $last "*) exit 1;; esac\n'
        "printf installed\n",
        "id": f"echo {uid}\n",
        "apt-get": f'echo "$@" >> "{tmp_path}/apt-get.log"\n',
    }
    for name, body in scripts.items():
        (bin_dir / name).write_text("#!/bin/sh\n" + body)
        (bin_dir / name).chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "MISSING": missing,
        "PY": sys.executable,
    }


def test_without_chromium_and_not_root_make_test_stops_with_one_line(tmp_path):
    env = _fake_system(tmp_path, missing="chromium zbar-tools", uid=1000)
    done = subprocess.run(
        [ROOT / "scripts" / "system-packages", "test"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "Missing system packages: chromium zbar-tools "
        "(on Debian: sudo apt-get install chromium zbar-tools)"
    ]
    assert not (tmp_path / "apt-get.log").exists()


def test_as_root_on_debian_the_missing_packages_are_installed(tmp_path):
    env = _fake_system(tmp_path, missing="chromium", uid=0)
    done = subprocess.run(
        [ROOT / "scripts" / "system-packages", "test"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "apt-get.log").read_text().splitlines() == [
        "update -qq",
        "install -y -qq chromium",
    ]


def test_make_run_needs_no_browser_and_the_readme_names_every_package():
    listed = {
        name: subprocess.run(
            [ROOT / "scripts" / "system-packages", "list", name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        for name in ("run", "test", "ci")
    }
    assert "chromium" not in listed["run"] and "chromium" in listed["test"]
    assert "libpango-1.0-0" in listed["run"]
    for package in listed["ci"]:
        assert f"`{package}`" in README, f"the README does not name {package}"


# Demo data


def _run_on_commit_callbacks_at_once(func, using=None, robust=False):
    func()


@pytest.mark.django_db
def test_seed_demo_ends_with_one_honest_summary_and_the_readmes_accounts(home_page, settings):
    from certificates.models import Certificate

    settings.DEBUG = True
    out = io.StringIO()
    # Each seeder commits on its own and certificates are issued on commit; inside the test's
    # transaction nothing commits, so run on-commit work when it is registered.
    with mock.patch("django.db.transaction.on_commit", _run_on_commit_callbacks_at_once):
        call_command("seed_demo", stdout=out)
    printed = out.getvalue()

    valid = Certificate.objects.valid().count()
    assert valid > 0
    assert re.search(rf"^  certificates +{valid} valid$", printed, re.M)
    assert "issued now" not in printed

    table = README.split("| role | sign in with |", 1)[1].split("\n\n", 1)[0]
    in_readme = set(re.findall(r"`([^`]+)`", table)) | {"0899000001", "0899000010"}
    assert "`0899000001` … `0899000010`" in README
    accounts = printed.split("Demo accounts", 1)[1]
    printed_ids = set(re.findall(r"[\w.]+@[\w.]+\.test|\b0\d{9}\b", accounts))
    assert printed_ids == in_readme
    assert printed.count("somjai@demo.otop.test") == 1  # listed once, not in two places


# The project stands alone


def test_no_file_refers_to_anything_outside_the_repository():
    outside = re.compile(r"\.\./shared|(?<![\w/])shared/(ARCHITECTURE|STYLE|STACK-NOTES)")
    offenders = []
    for file in tracked_files():
        try:
            text = file.read_text()
        except UnicodeDecodeError:
            continue
        if outside.search(text):
            offenders.append(str(file.relative_to(ROOT)))
    assert offenders == []


def test_every_relative_link_in_the_docs_opens_a_file_of_the_repository():
    broken = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)", doc.read_text()):
            if re.match(r"[a-z]+:", target):
                continue  # http(s), mailto
            resolved = (doc.parent / target).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{doc.name}: {target}")
    assert broken == []


def test_the_readme_names_each_test_that_only_runs_on_postgresql():
    names = []
    for file in sorted((ROOT / "tests").rglob("test_*.py")):
        text = file.read_text()
        if re.search(r"^\s*pytest\.mark\.postgresql\b", text, re.M):
            names += re.findall(r"^def (test_\w+)", text, re.M)
        names += re.findall(r"^@pytest\.mark\.postgresql\b.*\n(?:@.*\n)*def (test_\w+)", text, re.M)
    assert len(names) >= 8
    assert [name for name in names if name not in README] == []
