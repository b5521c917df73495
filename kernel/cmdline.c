/* kernel/cmdline.c - split the command line into key=value parameters. */
#include "kernel/cmdline.h"
#include "lib/printk.h"
#include "lib/string.h"

char boot_command_line[COMMAND_LINE_SIZE];

/* Words of the command line, split in place in this copy. */
static char cmdline_words[COMMAND_LINE_SIZE];
static struct {
	const char *key;
	const char *value;
} params[MAX_CMDLINE_PARAMS];
static unsigned int nr_params;
static const char *boot_image;
/* The words after "--", for init; NULL-terminated. */
static const char *init_args[MAX_INIT_ARGS + 1];

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static bool names_a_file(const char *word)
{
	return !strchr(word, '=') && (strchr(word, '/') || strchr(word, '.'));
}

/* The next word at *p, NUL-terminated in place (*p moves past it), or
 * NULL at the end of the line. */
static char *next_word(char **p)
{
	char *word;

	while (is_space(**p))
		(*p)++;
	if (!**p)
		return NULL;
	word = *p;
	while (**p && !is_space(**p))
		(*p)++;
	if (**p)
		*(*p)++ = '\0';
	return word;
}

/* The words of p, in place, into init_args. */
static void split_init_args(char *p)
{
	unsigned int n = 0;
	char *word;

	while ((word = next_word(&p)) != NULL) {
		if (n == MAX_INIT_ARGS) {
			pr_warn("cmdline: too many init arguments; ignoring '%s'\n",
				word);
			continue;
		}
		init_args[n++] = word;
	}
	init_args[n] = NULL;
}

const char *const *cmdline_init_args(void)
{
	return init_args;
}

void parse_cmdline(const char *src)
{
	char *p = cmdline_words, *word;

	strlcpy(boot_command_line, src ? src : "", sizeof(boot_command_line));
	strlcpy(cmdline_words, boot_command_line, sizeof(cmdline_words));
	nr_params = 0;
	boot_image = NULL;
	init_args[0] = NULL;
	for (bool first = true; (word = next_word(&p)) != NULL; first = false) {
		char *eq;

		if (first && names_a_file(word)) {
			boot_image = word;
			continue;
		}
		/* As Linux: the words after "--" are init's, not ours. */
		if (strcmp(word, INIT_ARGS_MARK) == 0) {
			split_init_args(p);
			break;
		}
		if (nr_params == MAX_CMDLINE_PARAMS) {
			pr_warn("cmdline: more than %d parameters; ignoring '%s'\n",
				MAX_CMDLINE_PARAMS, word);
			continue;
		}
		eq = strchr(word, '=');
		if (eq)
			*eq = '\0';
		params[nr_params].key = word;
		params[nr_params].value = eq ? eq + 1 : "";
		nr_params++;
	}
}

const char *cmdline_get(const char *key)
{
	for (unsigned int i = nr_params; i > 0; i--)
		if (strcmp(params[i - 1].key, key) == 0)
			return params[i - 1].value;
	return NULL;
}

const char *cmdline_boot_image(void)
{
	return boot_image;
}
