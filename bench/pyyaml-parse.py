"""The yardstick of bench/schema-compare.sh: parse every YAML/JSON file under a folder with PyYAML, nothing else."""
import pathlib
import sys

import yaml

# libyaml's loader, as bench/bench.py uses: safe_load_all alone is pure Python.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

for path in pathlib.Path(sys.argv[1]).rglob("*"):
    if path.suffix in (".yaml", ".yml", ".json") and path.is_file():
        try:
            list(yaml.load_all(path.read_text(errors="replace"), Loader=LOADER))
        except yaml.YAMLError:
            pass
