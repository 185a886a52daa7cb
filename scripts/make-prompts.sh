#!/bin/sh
# Synthesises Tandem's default prompt set from one manifest and writes the WAVs the media engine plays:
# 8 kHz, 16-bit, mono PCM in pbx-core/src/main/resources/prompts/<lang>/<id>.wav (committed as data).
# Manifest: pbx-core/src/main/resources/prompts/<lang>/prompts.txt, one "id|text" a line ('#' comments);
# a text that starts with "sox:" is a sox synth recipe instead of speech (beep, tones, music on hold).
# Installs espeak-ng and sox when missing (Debian; needs root or sudo). Usage: scripts/make-prompts.sh [en]
set -eu

lang="${1:-en}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/pbx-core/src/main/resources/prompts/$lang"
manifest="$dir/prompts.txt"
[ -f "$manifest" ] || { echo "No manifest $manifest" >&2; exit 1; }

if ! command -v espeak-ng >/dev/null 2>&1 || ! command -v sox >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -q espeak-ng sox
fi

case "$lang" in
    en) voice="en-us" ;;
    *) voice="$lang" ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# sox options for every output: 8 kHz mono 16-bit, no dither (the same manifest gives the same bytes)
out_format="-D -r 8000 -b 16 -c 1 -e signed-integer"

rm -f "$dir"/*.wav
count=0
while IFS='|' read -r id text; do
    case "$id" in ''|'#'*) continue ;; esac
    case "$id" in *[!a-z0-9-]*) echo "Bad prompt id '$id' (use a-z, 0-9 and -)" >&2; exit 1 ;; esac
    target="$dir/$id.wav"
    case "$text" in
        sox:*)
            recipe="${text#sox:}"
            # shellcheck disable=SC2086 # the recipe is a list of sox effect arguments
            sox -n $out_format "$target" $recipe
            ;;
        *)
            espeak-ng -v "$voice" -s 150 -w "$tmp/speech.wav" "$text"
            # shellcheck disable=SC2086
            sox "$tmp/speech.wav" $out_format "$target" highpass 100 norm -3 pad 0 0.15
            ;;
    esac
    count=$((count + 1))
done < "$manifest"
echo "Wrote $count prompts to $dir"
