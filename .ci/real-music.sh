#!/usr/bin/env bash
# Builds the real-music fixture: a Ludwig-layout tree OUT/mp3/<genre>/<track id>.ogg plus OUT/labels.json
# (DynamoDB-typed) from three Debian game soundtrack packages at pinned versions and checksums.
#
#   .ci/real-music.sh OUT_DIR        # then: export MUSICREC_REAL_MUSIC=OUT_DIR
#
# Tracks are the packages' own Ogg Vorbis files, unchanged (the pipeline's clip policy decodes what it
# needs). Labels come from each file's real Vorbis comments, read with the project's bundled ffmpeg:
# name = TITLE, artist = COMPOSER (else ARTIST), album = ALBUM (Nexuiz's ALBUM tags are web addresses,
# so its album is the game's name), genre = the soundtrack's style. Track id = <package>-<file stem>.
# The .deb files are cached in MUSICREC_DEB_CACHE (default ~/.cache/musicrec/debs): reruns download
# nothing. Needs apt-get and dpkg (Debian), a JDK's `jar`, and Maven only if the bundled ffmpeg is not
# in ~/.m2 yet. Re-running with the same fixture version is a no-op.
set -euo pipefail

FIXTURE_VERSION=1
out=${1:?usage: $0 OUT_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
cache=${MUSICREC_DEB_CACHE:-$HOME/.cache/musicrec/debs}

# package | version | sha256 of the .deb | style (genre folder) | album override (empty: the ALBUM tag)
packages=(
  "wesnoth-1.16-music|1:1.16.9-1|f9bc3cde92b4ab30db5d7b85f89b4bcc3d788dd92602956d0347250850bf59bb|orchestral|"
  "nexuiz-music|2.5.2-12|d1a7d6e2c0a5bbe6670dbf73354e38f742597310d425e373250fc71a636f8dda|electronic|Nexuiz"
  "singularity-music|007-2|139ba1e408eeb0a72f1fff3760ca46558b9f81bed97dc8c0efa108c4007f4845|ambient|"
)
# package | path inside the package (a path after '!' is inside that zip) | track id
tracks=(
  # Wesnoth: four composers with two to four pieces each, and the package's real 10 s of silence.
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/breaking_the_chains.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/journeys_end.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/legends_of_the_north.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/silvan_sanctuary.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/elvish-theme.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/heroes_rite.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/siege_of_laurelmor.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/weight_of_revenge.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/knalgan_theme.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/suspense.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/battle.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/underground.ogg"
  "wesnoth-1.16-music|usr/share/games/wesnoth/1.16/data/core/music/silence.ogg"
  # Nexuiz: two artists, five tracks each.
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/stairs.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/desert3.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/ninesix.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/brokenlight.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/sixtyfour_revisited.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/brainsukker.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/infight.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/chaos-fog.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/neuronal-diving.ogg"
  "nexuiz-music|usr/share/games/nexuiz/data/music.pk3!sound/cdtracks/thru-the-mirror.ogg"
  # Endgame: Singularity: one composer, two albums.
  "singularity-music|usr/share/games/singularity/music/Deprecation.ogg"
  "singularity-music|usr/share/games/singularity/music/Awakening.ogg"
  "singularity-music|usr/share/games/singularity/music/By-Product.ogg"
  "singularity-music|usr/share/games/singularity/music/Coherence.ogg"
  "singularity-music|usr/share/games/singularity/music/Inevitable.ogg"
  "singularity-music|usr/share/games/singularity/music/Aberrations.ogg"
  "singularity-music|usr/share/games/singularity/music/Nebula.ogg"
)
# One artist spelt three ways in Nexuiz's tags: the tag value | the name used.
artist_aliases=(
  "elysis|Gerd (elysis) Raudenbusch"
  "www.elysis.de|Gerd (elysis) Raudenbusch"
)

stamp="$out/.fixture-version"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$FIXTURE_VERSION" && -f "$out/labels.json" ]]; then
  echo "real-music fixture: $out is up to date (version $FIXTURE_VERSION)"
  exit 0
fi

say() { echo "real-music fixture: $*" >&2; }
field() { cut -d'|' -f"$2" <<<"$1"; }

# The .deb files, downloaded once into the cache and checked against the pinned checksums.
mkdir -p "$cache"
deb_of() { # package version -> cached .deb path
  local name="${1}_${2#*:}_all.deb"
  echo "$cache/$name"
}
fetch() { # package version sha256
  local deb; deb=$(deb_of "$1" "$2")
  if [[ -f "$deb" ]] && sha256sum -c --status <<<"$3  $deb"; then return; fi
  say "downloading $1=$2"
  local tmp; tmp=$(mktemp -d "$cache/.download.XXXXXX")
  if ! (cd "$tmp" && apt-get download -q "$1=$2" 2>"$tmp/err"); then
    # A bare machine may have no package lists yet.
    local sudo; sudo=$(command -v sudo || true)
    $sudo apt-get update -qq
    (cd "$tmp" && apt-get download -q "$1=$2") || { cat "$tmp/err" >&2; rm -rf "$tmp"; say "cannot download $1=$2"; exit 1; }
  fi
  local got; got=$(ls "$tmp"/*.deb)
  if ! sha256sum -c --status <<<"$3  $got"; then
    say "$1=$2: checksum $(sha256sum "$got" | cut -d' ' -f1) is not the pinned $3"
    rm -rf "$tmp"; exit 1
  fi
  mv "$got" "$deb"
  rm -rf "$tmp"
}

# The bundled ffmpeg (jave-nativebin-linux64, the version in the parent pom), for reading tags.
jave_version=$(sed -n 's:.*<jave.version>\(.*\)</jave.version>.*:\1:p' "$here/pom.xml")
jave_jar="$HOME/.m2/repository/ws/schild/jave-nativebin-linux64/$jave_version/jave-nativebin-linux64-$jave_version.jar"
if [[ ! -f "$jave_jar" ]]; then
  mvn -B -ntp -q dependency:get -Dartifact="ws.schild:jave-nativebin-linux64:$jave_version" -Dtransitive=false
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && jar xf "$jave_jar" ws/schild/jave/nativebin/ffmpeg-amd64)
ffmpeg="$work/ws/schild/jave/nativebin/ffmpeg-amd64"
chmod +x "$ffmpeg"

declare -A style album_override
for p in "${packages[@]}"; do
  pkg=$(field "$p" 1)
  fetch "$pkg" "$(field "$p" 2)" "$(field "$p" 3)"
  dpkg -x "$(deb_of "$pkg" "$(field "$p" 2)")" "$work/$pkg"
  style[$pkg]=$(field "$p" 4)
  album_override[$pkg]=$(field "$p" 5)
done

# The first value of a Vorbis comment (ffmpeg joins repeated ones with ';'), ffmetadata escapes undone.
tag() { # ffmetadata-file KEY...
  local file=$1 key value; shift
  for key in "$@"; do
    value=$(grep -i -m1 "^$key=" "$file" | cut -d= -f2- | sed -e 's/\\;.*//' -e 's/\\\(.\)/\1/g') || true
    [[ -n "$value" ]] && { echo "$value"; return 0; }
  done
  return 0
}
json_string() { # a JSON string literal
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
attribute() { # name value -> ,"name": {"S": "value"} (nothing for an empty value)
  [[ -z "$2" ]] && return
  printf ', %s: {"S": %s}' "$(json_string "$1")" "$(json_string "$2")"
}

tree="$work/tree"
mkdir -p "$tree/mp3"
entries=()
for t in "${tracks[@]}"; do
  pkg=$(field "$t" 1)
  path=$(field "$t" 2)
  if [[ "$path" == *'!'* ]]; then # a file inside a zip (Nexuiz's .pk3)
    (cd "$work/$pkg" && jar xf "${path%%!*}" "${path#*!}")
    src="$work/$pkg/${path#*!}"
  else
    src="$work/$pkg/$path"
  fi
  [[ -f "$src" ]] || { say "$pkg has no $path"; exit 1; }
  stem=$(basename "$src" .ogg)
  id="${pkg%%-*}-$(tr 'A-Z_ ' 'a-z--' <<<"$stem")"
  genre=${style[$pkg]}
  mkdir -p "$tree/mp3/$genre"
  cp "$src" "$tree/mp3/$genre/$id.ogg"

  meta="$work/$id.ffmetadata"
  "$ffmpeg" -v error -i "$src" -map_metadata 0:s:0 -f ffmetadata "$meta"
  name=$(tag "$meta" TITLE)
  artist=$(tag "$meta" COMPOSER ARTIST)
  for a in "${artist_aliases[@]}"; do [[ "$artist" == "$(field "$a" 1)" ]] && artist=$(field "$a" 2); done
  album=${album_override[$pkg]:-$(tag "$meta" ALBUM)}
  entries+=("$(printf '%s: {"genre": {"S": %s}%s%s%s, "type": {"S": "track"}}' \
    "$(json_string "$id")" "$(json_string "$genre")" "$(attribute name "$name")" \
    "$(attribute artist "$artist")" "$(attribute album "$album")")")
done

{
  echo '{"tracks": {'
  for i in "${!entries[@]}"; do
    sep=,; (( i == ${#entries[@]} - 1 )) && sep=
    echo "  ${entries[$i]}$sep"
  done
  echo '}}'
} >"$tree/labels.json"
{
  echo "Built by .ci/real-music.sh (fixture version $FIXTURE_VERSION) from Debian packages:"
  for p in "${packages[@]}"; do echo "  $(field "$p" 1)=$(field "$p" 2) sha256 $(field "$p" 3)"; done
  echo "Licences: see each package's /usr/share/doc/<package>/copyright (copied under licences/)."
} >"$tree/SOURCES.txt"
mkdir -p "$tree/licences"
for p in "${packages[@]}"; do
  pkg=$(field "$p" 1)
  cp "$work/$pkg/usr/share/doc/$pkg/copyright" "$tree/licences/$pkg.copyright"
done
echo "$FIXTURE_VERSION" >"$tree/.fixture-version"

rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$tree" "$out"
say "$out: ${#tracks[@]} tracks in $(ls "$out/mp3" | tr '\n' ' ')"
