#!/bin/sh
# tools/mkiso.sh - a GRUB (BIOS) boot ISO with the kernel and the initrd.
# usage: mkiso.sh KERNEL.ELF INITRD.CPIO OUT.ISO [COMMAND LINE...]
set -eu
[ $# -ge 3 ] || { echo "usage: $0 KERNEL INITRD OUT.ISO [CMDLINE...]" >&2; exit 2; }
kernel=$1 initrd=$2 out=$3
shift 3
dir=$(mktemp -d "${out%.iso}.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/kernel.elf"
cp "$initrd" "$dir/boot/initrd.cpio"
# GRUB's own messages go to the serial line too, or they would be seen only
# on the VGA screen; timeout=0 boots at once (about 0.4 s of GRUB).
cat > "$dir/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
menuentry "vmkern" {
	multiboot /boot/kernel.elf $*
	module /boot/initrd.cpio initrd
	boot
}
CFG
grub-mkrescue -o "$out.tmp" "$dir" 2>"$dir.log" || { cat "$dir.log" >&2; rm -f "$dir.log"; exit 1; }
rm -f "$dir.log"
mv "$out.tmp" "$out"
