#!/usr/bin/env python3
"""Where the wasm's bytes go, by crate and by module of the app.

Reads `twiggy top -f csv` of the release wasm before wasm-opt (function names kept) and sums
each function's own size under the crate its name starts with. A generic function is counted
where its code lives: `<T as leptos::IntoView>::...` under leptos, `core::ptr::drop_in_place<
complaints::...>` under core, marked "with the app's types". Names, custom sections and
wasm-bindgen's describe exports are left out of the code total: wasm-bindgen and wasm-opt
remove them before the file ships.

    cargo build --release --offline --target wasm32-unknown-unknown --bin complaints
    twiggy top -n 100000 -f csv target/wasm32-unknown-unknown/release/complaints.wasm \
        | python3 scripts/size-by-crate.py
"""
import collections
import csv
import re
import sys

PATH = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?(?:::([A-Za-z_][A-Za-z0-9_]*))?")
LEPTOS = ("leptos", "reactive_graph", "tachys", "leptos_router", "either_of")


def owner(name):
    """The crate (and, for the app, the module) a function's code belongs to."""
    text = name
    # `<T as path::Trait>::f` and `<F as ...>`: a generic self type; the trait's crate owns it.
    generic = re.match(r"<[A-Z][A-Za-z0-9_]* as ", text)
    if generic:
        text = text[generic.end():]
    text = text.lstrip("<&").replace("mut ", "").replace("dyn ", "")
    m = PATH.match(text)
    if not m:
        return "(unnamed: tables, elements)"
    crate = m.group(1)
    if crate == "complaints":
        module = m.group(2) or ""
        if module == "ui" and m.group(3):
            module += "::" + m.group(3)
        return "complaints::" + module
    if crate in ("core", "alloc", "std"):
        if "complaints::" in name:
            return crate + " (with the app's types)"
        if any(c + "::" in name for c in LEPTOS):
            return crate + " (with Leptos types)"
    return crate


def main():
    sizes = collections.Counter()
    dropped = 0
    for row in csv.DictReader(sys.stdin):
        name, size = row["Name"], int(row["ShallowSize"])
        if name.startswith(('"function names"', "custom section", 'export "')):
            dropped += size
            continue
        sizes["(data)" if name.startswith("data segment") else owner(name)] += size
    total = sum(sizes.values())
    print(f"code and data before wasm-opt: {total / 1024:.0f} KB "
          f"(names, custom sections and describe exports left out: {dropped / 1024:.0f} KB)")
    groups = collections.Counter()
    for key, size in sizes.items():
        if key.startswith("complaints::ui"):
            groups["the app's pages and components (complaints::ui)"] += size
        elif key.startswith("complaints::"):
            groups["the app's core (domain, format, storage, sync, demo)"] += size
        elif key.split(" ")[0] in LEPTOS or key.endswith("(with Leptos types)"):
            groups["Leptos (views, reactivity, router)"] += size
        else:
            groups["everything else"] += size
    for key, size in groups.most_common():
        print(f"{size / 1024:9.0f} KB {100 * size / total:5.1f}%  {key}")
    print()
    for key, size in sizes.most_common(30):
        print(f"{size / 1024:9.1f} KB {100 * size / total:5.1f}%  {key}")


if __name__ == "__main__":
    main()
