"""Executes notebooks/export_panns_onnx.ipynb as a user's Jupyter would (nbclient, a real ipykernel),
with papermill-style parameters: a cell with the -p assignments is inserted after the cell tagged
'parameters'. Cell outputs are printed as each cell finishes; a failing cell prints its traceback
and exits 1. Used by CI, by `musicrec model install panns-cnn14` and by hand:

  .venv-panns/bin/python verify/panns/run_notebook.py -p CHECKPOINT=/path/Cnn14_mAP=0.431.pth
  .venv-panns/bin/python verify/panns/run_notebook.py -p SEED=0 -p OUTPUT=/tmp/x.onnx --executed /tmp/run.ipynb
"""
import argparse
import ast
import pathlib
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = pathlib.Path(__file__).resolve().parents[2]


def parameter(text):
    key, sep, value = text.partition("=")
    if not sep or not key.isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return key, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return key, value  # a bare string such as a path


def show(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            sys.stdout.write(out.get("text", ""))
        elif out.get("output_type") in ("execute_result", "display_data"):
            sys.stdout.write(out.get("data", {}).get("text/plain", "") + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebook", type=pathlib.Path, default=ROOT / "notebooks" / "export_panns_onnx.ipynb")
    parser.add_argument("-p", "--parameter", type=parameter, action="append", default=[], dest="parameters")
    parser.add_argument("--executed", type=pathlib.Path, help="also write the executed notebook here")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        sys.exit(f"{args.notebook}: expected exactly one cell tagged 'parameters', found {len(tagged)}")
    if args.parameters:
        source = "# Injected parameters\n" + "".join(f"{k} = {v!r}\n" for k, v in args.parameters)
        injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        nb.cells.insert(tagged[0] + 1, injected)
        sys.stdout.write(source)
    client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(args.notebook.resolve().parent)}})
    client.on_cell_executed = lambda cell, cell_index, execute_reply: show(cell)
    failed = None
    try:
        client.execute()
    except CellExecutionError as e:
        failed = e
    if args.executed:
        nbformat.write(nb, args.executed)
    if failed:
        sys.stdout.write(f"\nthe notebook failed:\n{failed}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
