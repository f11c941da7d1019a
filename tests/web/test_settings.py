from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "web"


def test_production_settings_pass_the_deploy_check() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budgetweb.settings.production",
           "DJANGO_SECRET_KEY": "x7!" * 20 + "a-long-unpredictable-production-key",
           "DJANGO_ALLOWED_HOSTS": "budget.example.dk"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=WEB, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
