#!/usr/bin/env bash
# Builds the installable Tandem ISO from Debian packages: debootstrap bookworm (with bookworm-updates
# and bookworm-security applied), the Tandem .deb, live-boot, squashfs, and grub-mkrescue for a hybrid
# BIOS + UEFI image with a serial console and the menu "Try live" / "Install Tandem to disk".
#
#   iso/build.sh                       # uses installer/target/tandem_*_all.deb (./mvnw package first)
#   iso/build.sh --deb FILE --out FILE --mirror URL
#   iso/build.sh --base-only           # only debootstrap into the cache
#
# Needs root, the Debian mirror, and the host packages debootstrap squashfs-tools xorriso mtools
# grub-pc-bin grub-efi-amd64-bin (installed here when missing). The debootstrap result is cached in
# iso/target/cache (keyed by suite and package list), so a rebuild after a .deb change takes minutes.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
target="$here/target"
suite=bookworm
mirror=""
deb=""
out=""
base_only=0

while [ $# -gt 0 ]; do
  case "$1" in
    --deb) deb=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --mirror) mirror=$2; shift 2 ;;
    --base-only) base_only=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '%s build.sh: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "build.sh: ERROR: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mounts). Run it as root or with sudo."

# The mirror apt already uses here, so the image comes from the same (reachable) registry.
if [ -z "$mirror" ]; then
  mirror=$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | grep -oE 'https?://[^ ]+' | head -n1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
fi
mirror=${mirror%/}
security_mirror="${mirror%/debian}/debian-security"

if [ "$base_only" = 1 ]; then
  :
elif [ -z "$deb" ]; then
  deb=$(find "$top/installer/target" -maxdepth 1 -name 'tandem_*_all.deb' -printf '%T@ %p\n' 2>/dev/null \
    | sort -n | tail -n1 | cut -d' ' -f2-)
  [ -n "$deb" ] || die "no installer/target/tandem_*_all.deb; build it first: ./mvnw -DskipTests package"
fi
[ "$base_only" = 1 ] || [ -f "$deb" ] || die "no such .deb: $deb"
version=$([ "$base_only" = 1 ] || dpkg-deb -f "$deb" Version)
out=${out:-"$target/tandem-${version//\~/-}-amd64.iso"}

host_tools=(debootstrap:debootstrap mksquashfs:squashfs-tools xorriso:xorriso mformat:mtools
  grub-mkrescue:grub-common)
missing=()
for pair in "${host_tools[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ -d /usr/lib/grub/i386-pc ] || missing+=(grub-pc-bin)
[ -d /usr/lib/grub/x86_64-efi ] || missing+=(grub-efi-amd64-bin)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing host packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Packages of the appliance system besides Tandem's own dependencies (which apt pulls from the .deb).
packages=(linux-image-amd64 live-boot systemd-sysv udev kmod iproute2 iputils-ping procps less nano
  ca-certificates grub-pc-bin grub-efi-amd64-bin grub2-common dosfstools fdisk e2fsprogs
  initramfs-tools zstd default-jre-headless mariadb-server curl)
key=$(printf '%s\n' "$suite" "$mirror" "${packages[@]}" | sha256sum | cut -c1-12)
cache="$target/cache/base-$key.tar"
work="$target/work"
root="$work/rootfs"

unmount_all() {
  for m in run sys proc dev/pts dev; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount -l "$root/$m" || true; fi
  done
}
trap unmount_all EXIT

unmount_all
rm -rf "$work"
mkdir -p "$root" "$target/cache"

start=$(date +%s)
if [ -f "$cache" ]; then
  say "base system from cache $cache"
  tar -C "$root" -xpf "$cache"
else
  say "debootstrap $suite from $mirror (a few minutes)"
  debootstrap --variant=minbase --include="$(IFS=,; echo "${packages[*]}")" \
    "$suite" "$root" "$mirror" > "$target/debootstrap.log" 2>&1 \
    || { tail -n 30 "$target/debootstrap.log" >&2; die "debootstrap failed (full log: $target/debootstrap.log)"; }
  tar -C "$root" -cpf "$cache.tmp" . && mv "$cache.tmp" "$cache"
fi
if [ "$base_only" = 1 ]; then
  say "base system cached in $cache"
  exit 0
fi

mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount -t tmpfs tmpfs "$root/run"

cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security_mirror $suite-security main
EOF
# Nothing starts inside the build chroot (Debian policy-rc.d, exit 101 = action forbidden).
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

in_root() { chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }

say "applying $suite-updates and $suite-security, installing $(basename "$deb")"
cp "$deb" "$root/tmp/tandem.deb"
{
  in_root apt-get update
  in_root apt-get -y -o Dpkg::Options::=--force-confold dist-upgrade
  in_root apt-get -y --no-install-recommends install /tmp/tandem.deb
} > "$target/apt.log" 2>&1 || { tail -n 30 "$target/apt.log" >&2; die "apt in the image failed (full log: $target/apt.log)"; }

# The package's life cycle with the real dpkg, in this throwaway root: remove keeps data and settings,
# a reinstall finds them, purge deletes them, and a fresh install enables the service again.
lifecycle_check() {
  echo probe > "$root/var/lib/tandem/lifecycle-probe" || return 1
  in_root dpkg -r tandem || return 1
  [ -f "$root/var/lib/tandem/lifecycle-probe" ] || { echo "remove deleted /var/lib/tandem"; return 1; }
  [ -f "$root/etc/tandem/application.yml" ] || { echo "remove deleted the conffile"; return 1; }
  in_root dpkg -i /tmp/tandem.deb || return 1
  [ -f "$root/var/lib/tandem/lifecycle-probe" ] || { echo "reinstall lost /var/lib/tandem"; return 1; }
  in_root dpkg --purge tandem || return 1
  [ ! -e "$root/var/lib/tandem" ] || { echo "purge kept /var/lib/tandem"; return 1; }
  [ ! -e "$root/etc/tandem" ] || { echo "purge kept /etc/tandem"; return 1; }
  in_root dpkg -i /tmp/tandem.deb || return 1
  [ -L "$root/etc/systemd/system/multi-user.target.wants/tandem.service" ] || { echo "tandem.service not enabled"; return 1; }
  [ ! -L "$root/etc/systemd/system/tandem.service" ] || { echo "tandem.service still masked"; return 1; }
}
say "checking remove / reinstall / purge / install of the .deb with dpkg in the image"
lifecycle_check > "$target/lifecycle.log" 2>&1 || { tail -n 20 "$target/lifecycle.log" >&2; die "package life cycle check failed (log: $target/lifecycle.log)"; }
rm -f "$root/tmp/tandem.deb"
# Last, as it turns /etc/resolv.conf (still the build host's) into the DHCP-fed stub resolver's.
in_root apt-get -y --no-install-recommends install systemd-resolved >> "$target/apt.log" 2>&1 \
  || { tail -n 30 "$target/apt.log" >&2; die "installing systemd-resolved failed (full log: $target/apt.log)"; }

say "configuring the appliance system"
cp -a "$here/overlay/." "$root/"
chmod 755 "$root/usr/sbin/tandem-install"
echo tandem > "$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\ttandem\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
in_root systemctl enable systemd-networkd.service tandem-installer.service serial-getty@ttyS0.service >/dev/null 2>&1
# The live system lets root log in on the console without a password; the installer locks root on
# the installed system (or sets the password it was given).
in_root passwd -d root >/dev/null
# Every installed system makes its own machine id, database password, keys and admin password at
# first boot: nothing of that kind may be baked into the image.
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id" "$root/etc/tandem/database.properties"
find "$root/var/lib/tandem" -mindepth 1 -delete 2>/dev/null || true
in_root update-initramfs -u -k all > "$target/initramfs.log" 2>&1 \
  || { tail -n 20 "$target/initramfs.log" >&2; die "update-initramfs failed"; }
in_root apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root/usr/sbin/policy-rc.d" "$root"/tmp/* "$root"/var/log/*.log
unmount_all

say "squashfs"
staging="$work/iso"
mkdir -p "$staging/live" "$staging/boot/grub"
kernel=$(find "$root/boot" -name 'vmlinuz-*' | sort -V | tail -n1)
cp "$kernel" "$staging/live/vmlinuz"
cp "$root/boot/initrd.img-${kernel##*/vmlinuz-}" "$staging/live/initrd.img"
mksquashfs "$root" "$staging/live/filesystem.squashfs" -comp zstd -Xcompression-level 6 -noappend \
  -e boot/efi > "$target/squashfs.log" 2>&1 || { tail "$target/squashfs.log" >&2; die "mksquashfs failed"; }
sed "s/@VERSION@/$version/g" "$here/grub.cfg" > "$staging/boot/grub/grub.cfg"

say "grub-mkrescue (BIOS + UEFI)"
mkdir -p "$(dirname "$out")"
grub-mkrescue -o "$out" "$staging" -- -volid TANDEM > "$target/grub-mkrescue.log" 2>&1 \
  || { tail "$target/grub-mkrescue.log" >&2; die "grub-mkrescue failed"; }
rm -rf "$work"
say "built $out ($(du -m "$out" | cut -f1) MiB) in $(( $(date +%s) - start )) s"
