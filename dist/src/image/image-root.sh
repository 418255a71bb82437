#!/bin/sh
# Lays out the container image's file system under $2, for an image built FROM scratch (no registry
# is needed): a Java runtime made by jlink from the JDK in $1 (the one running the build), the C
# libraries that runtime loads, taken from this machine, and the user the server runs as.
set -eu

java_home=$1
root=$2

# What the server jar uses (jdeps --print-module-deps on it), and jdk.crypto.ec where it is still a
# module of its own (JDK 21) so that TLS to providers keeps its elliptic curves.
modules=java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.scripting
modules=$modules,java.security.jgss,java.sql,jdk.jfr,jdk.management,jdk.net,jdk.unsupported
if "$java_home/bin/java" --list-modules | grep -q '^jdk\.crypto\.ec@'; then
    modules=$modules,jdk.crypto.ec
fi

rm -rf "$root"
mkdir -p "$root/etc" "$root/tmp" "$root/data" "$root/home/actionport"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$root/opt/java" || {
    echo "jlink could not make the image's Java runtime from $java_home: it needs a JDK with a jmods" \
        "folder, or one that links from its own run-time image (JDK 24+ built so). Build with another" \
        "JDK, or leave the image out with -DskipImage." >&2
    exit 1
}

# The C libraries the runtime links against, at the paths the dynamic linker looks for them. AWT's
# X11 and sound libraries are left out: the server runs headless and never loads them.
libs=$(
    find "$root/opt/java/bin/java" "$root/opt/java/lib" -type f \( -name java -o -name '*.so' \) \
        ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' |
        while read -r elf; do ldd "$elf"; done |
        awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
        grep -v "^$root" | sort -u
)
for lib in $libs; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done
# glibc loads libgcc_s when a thread is cancelled or unwinds; it is no link-time dependency.
libc_dir=$(dirname "$(echo "$libs" | grep '/libc\.so\.6$' | head -n 1)")
if [ -f "$libc_dir/libgcc_s.so.1" ]; then
    cp -L "$libc_dir/libgcc_s.so.1" "$root$libc_dir/"
fi

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
actionport:x:10001:10001:Actionport:/home/actionport:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
actionport:x:10001:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
