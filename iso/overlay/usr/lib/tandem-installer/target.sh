# shellcheck shell=bash disable=SC2154 # ip, gateway, dns: globals of settings.sh
# What the installer writes into the installed system's root ($1 of the write_* functions) for the keyboard, GRUB and
# SSH, and the static network's request to network-apply; the account itself is made by useradd in that root.

network_request() {  # the request /usr/lib/tandem/network-apply reads (the web UI's Network page writes the same)
  printf 'mode=static\ninterface=%s\naddress=%s\nprefix=%s\ngateway=%s\ndns=%s\nconfirm-seconds=0\n' \
    "$1" "${ip%/*}" "${ip#*/}" "$gateway" "${dns//,/ }"
}

write_keyboard() {  # write_keyboard ROOT LAYOUT: the console keyboard (keyboard(5)), set up at boot by console-setup
  mkdir -p "$1/etc/default"
  cat > "$1/etc/default/keyboard" <<KEYBOARD
# The console's keyboard, chosen in the Tandem installer (keyboard(5)).
# Change it with: dpkg-reconfigure keyboard-configuration && setupcon
XKBMODEL="pc105"
XKBLAYOUT="$2"
XKBVARIANT=""
XKBOPTIONS=""
BACKSPACE="guess"
KEYBOARD
}

write_grub_keymap() {  # write_grub_keymap ROOT LAYOUT: GRUB's keymap /boot/grub/layouts/LAYOUT.gkb, none for us
  # grub-kbdcomp (grub-common) converts the XKB layout with console-setup's ckbcomp, the same source as the console's
  # keymap; it warns about keys GRUB has no code for (dead keys, Meta_Tab), which are left out.
  local file="$1/boot/grub/layouts/$2.gkb"
  [ "$2" != us ] || return 0
  mkdir -p "$1/boot/grub/layouts"
  if grub-kbdcomp -o "$file" "$2" >/dev/null 2>&1 && [ "$(head -c 8 "$file")" = GRUBLAYO ]; then return 0; fi
  rm -f "$file"
  return 1
}

grub_reads_the_keyboard() {  # grub_reads_the_keyboard DEVICES: true when the keyboards Linux sees (/proc/bus/input/devices) are all on the
  # PS/2 port: GRUB's own PS/2 driver (at_keyboard), the only input its keymaps apply to, then reads the keyboard the
  # admin typed on. Not with a USB keyboard: a BIOS that does not pass it on as a PS/2 one (qemu's SeaBIOS does not;
  # some PCs have it switched off) would leave GRUB with no keyboard at all; nor with no keyboard seen.
  awk '/^P: Phys=/ { phys = substr($0, 9) }
    /^H: Handlers=/ && (" " substr($0, 13) " ") ~ / kbd / {
      if (phys ~ /^isa0060\/serio/) ps2 = 1; else if (phys ~ /^usb-/) usb = 1 }
    /^$/ { phys = "" }
    END { exit !(ps2 && !usb) }' "$1" 2>/dev/null
}

write_grub_config() {  # write_grub_config ROOT ROOT-UUID [LAYOUT]: the installed system's /boot/grub/grub.cfg, with
  # GRUB's keyboard LAYOUT (issue 21, item 7) under BIOS only when given (the installer gives it when
  # grub_reads_the_keyboard and write_grub_keymap made ROOT/boot/grub/layouts/LAYOUT.gkb). GRUB's keymaps apply to its
  # own PS/2 driver (at_keyboard), not to the firmware's keyboard input (console) nor the serial line, and with the
  # firmware's input beside it the firmware takes the keys (US layout; seen under qemu's SeaBIOS), so the layout means
  # at_keyboard alone. Under UEFI at_keyboard does not see USB keyboards: there GRUB keeps the firmware's keyboard
  # (US layout) and the admin always has a keyboard. The serial line stays an input everywhere.
  local keymap=""
  if [ -n "${3:-}" ] && [ -f "$1/boot/grub/layouts/$3.gkb" ]; then
    keymap="# The keyboard layout chosen in the installer, under BIOS with a PS/2 keyboard only (Tandem installer's target.sh);
# without /boot/grub/layouts/$3.gkb GRUB keeps the BIOS's keyboard input (US layout)
if [ \"\$grub_platform\" = pc ]; then
  insmod at_keyboard
  insmod keylayouts
  if keymap /boot/grub/layouts/$3.gkb; then
    terminal_input at_keyboard serial
    echo \"GRUB keyboard layout: $3\"
  fi
fi
"
  fi
  cat > "$1/boot/grub/grub.cfg" <<GRUB
insmod part_gpt
insmod ext2
serial --unit=0 --speed=115200
if [ "\$grub_platform" = efi ]; then
  insmod efi_gop
  insmod efi_uga
fi
insmod all_video
insmod gfxterm
insmod font
terminal_input console serial
if loadfont unicode; then
  set gfxmode=auto
  set gfxpayload=keep
  terminal_output gfxterm serial
else
  terminal_output console serial
fi
set timeout=3
search --no-floppy --fs-uuid --set=root $2
${keymap}menuentry "Tandem" {
  linux /vmlinuz root=UUID=$2 ro console=ttyS0,115200n8 console=tty0
  initrd /initrd.img
}
menuentry "Tandem, safe graphics (nomodeset: for a blank or garbled screen)" {
  linux /vmlinuz root=UUID=$2 ro nomodeset console=ttyS0,115200n8 console=tty0
  initrd /initrd.img
}
GRUB
  # update-grub (run by every kernel update: /etc/kernel/postinst.d/zz-update-grub) makes grub.cfg from /etc/grub.d:
  # the same menu comes from there (keep_grub_config puts Debian's own scripts aside), so an update keeps the serial
  # console, the safe graphics entry and the keyboard layout.
  mkdir -p "$1/etc/grub.d"
  { printf '#!/bin/sh\n# The boot menu the Tandem installer wrote (/boot/grub/grub.cfg), for update-grub.\n'
    printf "cat <<'TANDEM_GRUB'\n"; cat "$1/boot/grub/grub.cfg"; printf 'TANDEM_GRUB\n'; } > "$1/etc/grub.d/10_tandem"
  chmod 0755 "$1/etc/grub.d/10_tandem"
}

write_sshd_config() {  # write_sshd_config ROOT ADMIN: SSH (when switched on) lets in the admin only, never root
  mkdir -p "$1/etc/ssh/sshd_config.d"
  cat > "$1/etc/ssh/sshd_config.d/10-tandem.conf" <<SSHD
# Tandem: SSH is off until it is switched on in the web UI. Then only the admin account made by the
# installer logs in, with its key or its password; root never (its password is locked anyway).
PermitRootLogin no
AllowUsers $2
PasswordAuthentication yes
KbdInteractiveAuthentication no
SSHD
}

write_authorized_key() {  # write_authorized_key ROOT HOME LINE: the admin's public key for SSH
  install -d -m 0700 "$1$2/.ssh"
  printf '%s\n' "$3" > "$1$2/.ssh/authorized_keys"
  chmod 0600 "$1$2/.ssh/authorized_keys"
}
