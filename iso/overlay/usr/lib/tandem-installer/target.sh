# shellcheck shell=bash disable=SC2154 # ip, gateway, dns: globals of settings.sh
# What the installer writes into the installed system's root ($1 of the write_* functions) for the keyboard and SSH,
# and the static network's request to network-apply; the account itself is made by useradd in that root.

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
