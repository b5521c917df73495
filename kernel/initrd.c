/*
 * kernel/initrd.c - a read-only file system over a cpio "newc" archive.
 * Each entry is a 110-byte ASCII header ("070701" and thirteen 8-digit hex
 * fields), the name (NUL-terminated), then the data; name and data are
 * each padded to 4 bytes. The archive ends with "TRAILER!!!".
 */
#include "arch/page.h"
#include "kernel/fs.h"
#include "kernel/initrd.h"
#include "lib/errno.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "mm/pgtable.h"

#define CPIO_NEWC_MAGIC "070701"
#define CPIO_HEADER_SIZE 110
#define CPIO_TRAILER "TRAILER!!!"
#define INITRD_DIR_MODE (S_IFDIR | 0755)

static struct initrd_file files[INITRD_MAX_FILES];
static unsigned int nr_files;

/* Field n (0 = c_ino) of a header: 8 hex digits after the 6-byte magic. */
static unsigned long cpio_field(const char *hdr, int n)
{
	char buf[9];

	memcpy(buf, hdr + 6 + 8 * n, 8);
	buf[8] = '\0';
	return (unsigned long)simple_strtoull(buf, NULL, 16);
}

enum {
	C_INO,
	C_MODE,
	C_UID,
	C_GID,
	C_NLINK,
	C_MTIME,
	C_FILESIZE,
	C_DEVMAJOR,
	C_DEVMINOR,
	C_RDEVMAJOR,
	C_RDEVMINOR,
	C_NAMESIZE
};

static int initrd_readpage(struct address_space *mapping, void *kaddr,
			   unsigned long index)
{
	const struct initrd_file *f = mapping->host;
	size_t n = initrd_read(f, index << PAGE_SHIFT, kaddr, PAGE_SIZE);

	memset((char *)kaddr + n, 0, PAGE_SIZE - n);
	return 0;
}

static const struct address_space_operations initrd_aops = {
	.readpage = initrd_readpage,
};

static int add_file(const char *name, unsigned long ino, unsigned long mode,
		    const unsigned char *data, unsigned long size)
{
	struct initrd_file *f;

	if ((mode & S_IFMT) != S_IFREG)
		return 0; /* directories: implied by the paths */
	if (nr_files == INITRD_MAX_FILES)
		return -ENOSPC;
	f = &files[nr_files];
	/* "./bin/x", "bin/x" and "/bin/x" all name /bin/x. */
	while (*name == '.' || *name == '/')
		name++;
	snprintf(f->path, sizeof(f->path), "/%s", name);
	f->ino = ino;
	f->mode = mode;
	f->size = size;
	f->data = data;
	if (mapping_init(&f->mapping, &initrd_aops, f, size))
		return -ENOMEM;
	/* As Linux's initramfs, whose files live in the page cache. */
	f->mapping.resident = true;
	f->file.f_mapping = &f->mapping;
	f->file.f_path = f->path;
	f->file.f_ino = ino;
	f->file.f_count = 1; /* the file system's own: never released */
	f->file.f_mode = FMODE_READ;
	nr_files++;
	return 0;
}

int initrd_init(const struct multiboot_info *mbi)
{
	const struct multiboot_mod_list *mod;
	const char *p, *end;

	if (!(mbi->flags & MULTIBOOT_INFO_MODS) || !mbi->mods_count)
		return 0;
	mod = __va(mbi->mods_addr);
	if (mod->mod_end > __pa(high_memory))
		return -E2BIG; /* must be in the direct map to be read */
	p = __va(mod->mod_start);
	end = __va(mod->mod_end);
	while (end - p >= CPIO_HEADER_SIZE) {
		unsigned long namesize, filesize;
		const char *name, *data;
		int err;

		if (memcmp(p, CPIO_NEWC_MAGIC, 6) != 0)
			return -EINVAL;
		namesize = cpio_field(p, C_NAMESIZE);
		filesize = cpio_field(p, C_FILESIZE);
		name = p + CPIO_HEADER_SIZE;
		data = (const char *)ALIGN_UP((unsigned long)name + namesize,
					      4);
		if (namesize == 0 || data + filesize > end ||
		    name[namesize - 1] != '\0')
			return -EINVAL;
		if (strcmp(name, CPIO_TRAILER) == 0)
			break;
		err = add_file(name, cpio_field(p, C_INO),
			       cpio_field(p, C_MODE),
			       (const unsigned char *)data, filesize);
		if (err)
			return err;
		p = (const char *)ALIGN_UP((unsigned long)data + filesize, 4);
	}
	return (int)nr_files;
}

struct initrd_file *initrd_lookup(const char *path)
{
	for (unsigned int i = 0; i < nr_files; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	return NULL;
}

int initrd_resolve(const char *path, struct initrd_file **out)
{
	char abs[sizeof(files[0].path)];
	size_t len;

	if (!*path)
		return -ENOENT; /* Linux: an empty name names nothing */
	if (strlen(path) + 1 >= sizeof(abs))
		return -ENOENT; /* longer than any name here */
	snprintf(abs, sizeof(abs), "%s%s", path[0] == '/' ? "" : "/", path);
	len = strlen(abs);
	while (len > 1 && abs[len - 1] == '/') /* "/bin/" is "/bin" */
		abs[--len] = '\0';
	*out = initrd_lookup(abs);
	if (*out)
		return path[strlen(path) - 1] == '/' ? -ENOTDIR : 0;
	if (len == 1)
		return -EISDIR; /* the root */
	for (unsigned int i = 0; i < nr_files; i++) {
		size_t flen = strlen(files[i].path);

		/* A directory: some file lives below it. */
		if (flen > len && strncmp(files[i].path, abs, len) == 0 &&
		    files[i].path[len] == '/')
			return -EISDIR;
		/* A file used as a directory: "/bin/echo/x". */
		if (flen < len && strncmp(files[i].path, abs, flen) == 0 &&
		    abs[flen] == '/')
			return -ENOTDIR;
	}
	return -ENOENT;
}

/*
 * Directories are not stored: they are the prefixes of the files' paths.
 * The entries of dir are the next components of the paths below it, each
 * listed at the first file that has it (so "bin" once, not once a file).
 */

/* The path below dir, or NULL if p is not below it. */
static const char *below(const char *p, const char *dir, size_t dlen)
{
	if (dlen == 1) /* the root */
		return p + 1;
	if (strncmp(p, dir, dlen) != 0 || p[dlen] != '/')
		return NULL;
	return p + dlen + 1;
}

/* Does a file before files[i] also lie below its first len bytes + "/"? */
static bool seen_before(unsigned int i, size_t len)
{
	for (unsigned int j = 0; j < i; j++)
		if (strncmp(files[j].path, files[i].path, len) == 0 &&
		    files[j].path[len] == '/')
			return true;
	return false;
}

bool initrd_dir_entry(const char *dir, unsigned int n,
		      struct initrd_dirent *ent)
{
	size_t dlen = strlen(dir);

	for (unsigned int i = 0; i < nr_files; i++) {
		const char *rest = below(files[i].path, dir, dlen);
		const char *slash;
		size_t len;

		if (!rest)
			continue;
		slash = strchr(rest, '/');
		len = slash ? (size_t)(slash - rest) : strlen(rest);
		if (slash && seen_before(i, (size_t)(slash - files[i].path)))
			continue;
		if (n-- > 0)
			continue;
		memcpy(ent->name, rest, len);
		ent->name[len] = '\0';
		if (slash) {
			char sub[INITRD_PATH_MAX];

			memcpy(sub, files[i].path,
			       (size_t)(slash - files[i].path));
			sub[slash - files[i].path] = '\0';
			ent->ino = initrd_dir_ino(sub);
			ent->mode = INITRD_DIR_MODE;
		} else {
			ent->ino = files[i].ino;
			ent->mode = (unsigned int)files[i].mode;
		}
		return true;
	}
	return false;
}

/* Directories have no inode in the archive: a hash of the path (FNV-1a,
 * 32 bits) with the top bit set, apart from the files' small numbers. */
#define FNV32_OFFSET_BASIS 2166136261u
#define FNV32_PRIME 16777619u
#define DIR_INO_BIT 0x80000000u

unsigned long initrd_dir_ino(const char *dir)
{
	u32 h = FNV32_OFFSET_BASIS;

	while (*dir)
		h = (h ^ (u8)*dir++) * FNV32_PRIME;
	return h | DIR_INO_BIT;
}

unsigned int initrd_nr_subdirs(const char *dir)
{
	struct initrd_dirent ent;
	unsigned int n = 0;

	for (unsigned int i = 0; initrd_dir_entry(dir, i, &ent); i++)
		n += S_ISDIR(ent.mode);
	return n;
}

size_t initrd_read(const struct initrd_file *f, unsigned long offset, void *buf,
		   size_t len)
{
	if (offset >= f->size)
		return 0;
	len = min(len, f->size - offset);
	memcpy(buf, f->data + offset, len);
	return len;
}
