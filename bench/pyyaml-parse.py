"""The yardstick of bench/schema-compare.sh: parse every YAML/JSON file under a folder with PyYAML, nothing else."""
import pathlib
import sys

import yaml

for path in pathlib.Path(sys.argv[1]).rglob("*"):
    if path.suffix in (".yaml", ".yml", ".json") and path.is_file():
        try:
            list(yaml.safe_load_all(path.read_text(errors="replace")))
        except yaml.YAMLError:
            pass
