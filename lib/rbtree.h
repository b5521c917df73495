/*
 * lib/rbtree.h - red-black trees, Linux's include/linux/rbtree.h.
 *
 * The tree knows nothing of keys: the caller embeds a struct rb_node in its
 * own object, walks down from root->rb_node comparing keys itself, links the
 * new node where the walk fell off (rb_link_node) and then lets the tree
 * rebalance (rb_insert_color), as Linux's mm/mmap.c does for VMAs:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *
 *	while (*link) {
 *		parent = *link;
 *		if (key < rb_entry(parent, struct thing, rb)->key)
 *			link = &parent->rb_left;
 *		else
 *			link = &parent->rb_right;
 *	}
 *	rb_link_node(&new->rb, parent, link);
 *	rb_insert_color(&new->rb, root);
 */
#ifndef LIB_RBTREE_H
#define LIB_RBTREE_H

#include "lib/compiler.h"
#include "lib/types.h"

/*
 * The parent pointer and the colour share a word: nodes are aligned to a
 * long, so the low bit of the parent's address is free and holds the colour
 * (RB_RED 0, RB_BLACK 1). A node linked by rb_link_node() starts red.
 */
struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_RED 0
#define RB_BLACK 1

#define RB_ROOT ((struct rb_root){ NULL })

#define rb_parent(r) ((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_entry(ptr, type, member) container_of(ptr, type, member)

#define RB_EMPTY_ROOT(root) ((root)->rb_node == NULL)
/* A node that is in no tree points to itself (after RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(node) ((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) ((node)->__rb_parent_color = (unsigned long)(node))

/* Put node, red and childless, at *rb_link, a NULL child link of parent. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

/* Rebalance root after rb_link_node(node): the red-black rules hold again. */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Remove node from root, keeping the order of the others and the rules. */
void rb_erase(struct rb_node *node, struct rb_root *root);
/* Put new where victim is, with its colour; the caller keeps the order. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root);

/* The smallest node in the tree, or NULL when it is empty. */
struct rb_node *rb_first(const struct rb_root *root);
/* The largest node in the tree, or NULL when it is empty. */
struct rb_node *rb_last(const struct rb_root *root);
/* The node after node in order, or NULL (also for a cleared node). */
struct rb_node *rb_next(const struct rb_node *node);
/* The node before node in order, or NULL (also for a cleared node). */
struct rb_node *rb_prev(const struct rb_node *node);

#endif
