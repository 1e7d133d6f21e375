#!/bin/sh
# Writes Swift files that carry text files as string literals, so the binary
# finds its lessons and explanations wherever it runs. Run by the EmbedText
# build plugin whenever its inputs change (with /bin/sh: a tool built from
# source would get the fuzzer's flags, which no ordinary program links
# with); it rewrites a file only when its contents change.
#
#   embed.sh folder NAME EXT OUTDIR DIR  NAME.files: every DIR/*.EXT but README.md
#   embed.sh text NAME OUTDIR FILE       NAME.text
set -eu
export LC_ALL=C

# A raw string literal with more `#` than any line holds, so nothing inside
# closes it or reads as an escape. As `cat` into a literal: the last newline
# is not part of the text.
literal() {
    n=$(tr -cd '#\n' < "$1" | awk '{ if (length > m) m = length } END { print m + 1 }')
    h=$(printf "%${n}s" '' | tr ' ' '#')
    printf '%s"""\n' "$h"
    cat "$1"
    [ -z "$(tail -c 1 "$1")" ] || echo
    printf '"""%s' "$h"
}

# Replace $1 by $1.new only when they differ.
settle() {
    if cmp -s "$1.new" "$1"; then rm -f "$1.new"; else mv "$1.new" "$1"; fi
}

header="// Generated at build time by the EmbedText plugin; edit the source files instead."
case "${1:-}" in
folder)
    [ $# -eq 5 ] || { echo "usage: embed.sh folder NAME EXT OUTDIR DIR" >&2; exit 2; }
    out="$4/$2.swift"
    mkdir -p "$4"
    {
        echo "$header"
        echo "enum $2 {"
        echo "    static let files: [(name: String, text: String)] = ["
        for f in "$5"/*."$3"; do
            [ -f "$f" ] || continue
            name=$(basename "$f")
            [ "$name" = README.md ] && continue
            case "$name" in *'"'*|*'\'*) echo "embed.sh: cannot embed a file named $name" >&2; exit 1 ;; esac
            printf '        (name: "%s", text: ' "$name"
            literal "$f"
            echo "),"
        done
        echo "    ]"
        echo "}"
    } > "$out.new"
    settle "$out"
    ;;
text)
    [ $# -eq 4 ] || { echo "usage: embed.sh text NAME OUTDIR FILE" >&2; exit 2; }
    out="$3/$2.swift"
    mkdir -p "$3"
    {
        echo "$header"
        echo "enum $2 {"
        printf '    static let text = '
        literal "$4"
        echo
        echo "}"
    } > "$out.new"
    settle "$out"
    ;;
*)
    echo "usage: embed.sh folder NAME EXT OUTDIR DIR | text NAME OUTDIR FILE" >&2
    exit 2
    ;;
esac
