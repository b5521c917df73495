/* user/lib/procfs.c - read named values out of a /proc file's text. */
#include "ulib.h"

/* The text after "name:" or "name " on the line that starts with name, or
 * NULL if no line does. */
static const char *find_line(const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *line = text;

	while (line) {
		if (!strncmp(line, name, len) &&
		    (line[len] == ':' || line[len] == ' ' || line[len] == '\t'))
			return line + len + (line[len] == ':');
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

int proc_field(const char *text, const char *name, unsigned long *value)
{
	const char *p = find_line(text, name);
	char *end;

	if (!p)
		return -1;
	*value = strtoul(p, &end, 10);
	return end == p ? -1 : 0;
}

int proc_string(const char *text, const char *name, char *out, size_t size)
{
	const char *p = find_line(text, name);
	size_t n = 0;

	out[0] = '\0';
	if (!p)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	while (p[n] && p[n] != '\n' && n + 1 < size) {
		out[n] = p[n];
		n++;
	}
	out[n] = '\0';
	return 0;
}
