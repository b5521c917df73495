/* lib/rbtree.c - red-black tree rebalancing and walking, Linux's lib/rbtree.c. */
#include "lib/rbtree.h"

/*
 * Children by side, so that each fix-up case below is written once for both
 * mirror images: dir is LEFT or RIGHT and !dir is the other side.
 */
enum { LEFT = 0, RIGHT = 1 };

static struct rb_node *rb_child(const struct rb_node *node, int dir)
{
	return dir == LEFT ? node->rb_left : node->rb_right;
}

static void rb_set_child(struct rb_node *node, int dir, struct rb_node *child)
{
	if (dir == LEFT)
		node->rb_left = child;
	else
		node->rb_right = child;
}

/* The side of p that rb (which may be a NULL link) hangs from. */
static int rb_side(const struct rb_node *rb, const struct rb_node *p)
{
	return p->rb_left == rb ? LEFT : RIGHT;
}

static int rb_color(const struct rb_node *node)
{
	return (int)(node->__rb_parent_color & 1);
}

/* NULL links count as black leaves. */
static bool rb_is_red(const struct rb_node *node)
{
	return node && rb_color(node) == RB_RED;
}

static bool rb_is_black(const struct rb_node *node)
{
	return !rb_is_red(node);
}

static void rb_set_color(struct rb_node *node, int color)
{
	node->__rb_parent_color = (node->__rb_parent_color & ~1UL) | color;
}

static void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = (unsigned long)p | rb_color(rb);
}

/* Make parent's link to old (the root's, if parent is NULL) point to new. */
static void rb_change_child(struct rb_node *old, struct rb_node *new,
			    struct rb_node *parent, struct rb_root *root)
{
	if (parent)
		rb_set_child(parent, rb_side(old, parent), new);
	else
		root->rb_node = new;
}

/*
 * Rotate node down towards side dir: its child on the other side rises into
 * its place, and node adopts that child's inner subtree. The in-order
 * sequence and every colour are unchanged. For dir == LEFT:
 *
 *	    node                    up
 *	   /    \                  /  \
 *	  a      up       =>    node   c
 *	        /  \            /  \
 *	       b    c          a    b
 */
static void rb_rotate(struct rb_node *node, int dir, struct rb_root *root)
{
	struct rb_node *up = rb_child(node, !dir);
	struct rb_node *moved = rb_child(up, dir);
	struct rb_node *parent = rb_parent(node);

	rb_set_child(node, !dir, moved);
	if (moved)
		rb_set_parent(moved, node);
	rb_change_child(node, up, parent, root);
	rb_set_parent(up, parent);
	rb_set_child(up, dir, node);
	rb_set_parent(node, up);
}

/*
 * The rules: every node is red or black, the root is black, a red node has
 * no red child, and every path from a node down to a NULL link crosses the
 * same number of black nodes (its black height). So the longest path is at
 * most twice the shortest, and the depth at most 2 log2(n + 1).
 *
 * The two fix-ups below restore the rules after a link or an unlink, as in
 * CLRS (Introduction to Algorithms, chapter 13). CLRS writes the half where
 * the node in question is a left child and calls the other symmetric; here
 * dir is the side it is on, and each case is written once. In the pictures
 * capitals are black, small letters red, and dir is LEFT.
 *
 * Insert. node is linked as a red leaf, so no black height changes; the only
 * rule that can break is a red node with a red parent. While parent is red
 * (so it is not the root, and gparent exists and is black):
 *
 *  1. The uncle (gparent's other child) is red. Paint parent and uncle black
 *     and gparent red: the black heights through gparent are unchanged, but
 *     gparent may now be a red child of a red node. Go on from gparent.
 *
 *	       G               g
 *	      / \             / \
 *	     p   u    =>     P   U
 *	    /               /
 *	   n               n
 *
 *  2. The uncle is black and node is the inner grandchild (parent's !dir
 *     child). Rotate parent down towards dir: parent becomes node's outer
 *     child. Swap the two names; that is case 3.
 *
 *  3. The uncle is black and node is the outer grandchild. Paint parent black
 *     and gparent red, and rotate gparent down towards the uncle. parent
 *     takes gparent's place and colour, with two red children; every path
 *     crosses as many black nodes as before. Done.
 *
 *	       G               P
 *	      / \             / \
 *	     p   U    =>     n   g
 *	    /                     \
 *	   n                       U
 *
 * Last, the root is painted black: case 1 may have made it red, and the
 * root's colour counts on every path alike.
 *
 * Erase. A node with two children is replaced by its successor (the leftmost
 * node of its right subtree, which has no left child): the successor leaves
 * its own place and takes the erased node's, with its colour. So the place
 * that disappears always has at most one child, and that child moves up into
 * it. If the colour removed with that place was red, no rule breaks. If it
 * was black, every path through the child is one black short: the child
 * (node below, perhaps NULL) owes an extra black. A red node pays it by
 * turning black. While node is black and not the root, its sibling exists
 * (its side still has a black height of at least one), and:
 *
 *  1. The sibling is red, so parent and the sibling's children are black.
 *     Paint the sibling black and parent red, and rotate parent down towards
 *     node. node's new sibling is one of those black children: go on to
 *     case 2, 3 or 4.
 *
 *  2. The sibling is black with two black children. Paint it red: now both
 *     sides of parent are one black short, and the debt moves up to parent.
 *     Go on from parent (if it is red, as after case 1, it turns black and
 *     that is the end).
 *
 *  3. The sibling is black, its far child (on the !dir side) black and its
 *     near child red. Paint the near child black and the sibling red, and
 *     rotate the sibling away from node. The new sibling is black with a red
 *     far child: case 4. (Case 4 repaints both nodes again, which is why
 *     Linux's lib/rbtree.c leaves this paint out.)
 *
 *  4. The sibling is black with a red far child. The sibling takes parent's
 *     colour, parent and the far child turn black, and parent rotates down
 *     towards node. node's paths gain parent's black; the sibling's paths
 *     keep their count (the sibling stands where parent stood, in its
 *     colour, and the far child's new black replaces the sibling's). Done.
 *
 *	       (p)                   (s)
 *	      /   \                 /   \
 *	     N     S        =>     P     R
 *	          / \             / \
 *	        (l)  r           N  (l)           ((x): either colour)
 *
 * Only insert case 1 and erase case 2 climb, one or two levels a time, so
 * both fix-ups are O(log n); insert rotates at most twice, erase three times.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;
	int dir;

	while (rb_is_red(parent = rb_parent(node))) {
		gparent = rb_parent(parent);
		dir = rb_side(parent, gparent);
		uncle = rb_child(gparent, !dir);
		if (rb_is_red(uncle)) { /* case 1 */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(uncle, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == rb_child(parent, !dir)) { /* case 2 */
			rb_rotate(parent, dir, root);
			node = parent;
			parent = rb_parent(node);
		}
		rb_set_color(parent, RB_BLACK); /* case 3 */
		rb_set_color(gparent, RB_RED);
		rb_rotate(gparent, !dir, root);
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/* Pay the extra black that node (child of parent, perhaps NULL) owes. */
static void rb_erase_fixup(struct rb_node *node, struct rb_node *parent,
			   struct rb_root *root)
{
	struct rb_node *sibling;
	int dir;

	while (parent && rb_is_black(node)) {
		dir = rb_side(node, parent);
		sibling = rb_child(parent, !dir);
		if (rb_is_red(sibling)) { /* case 1 */
			rb_set_color(sibling, RB_BLACK);
			rb_set_color(parent, RB_RED);
			rb_rotate(parent, dir, root);
			sibling = rb_child(parent, !dir);
		}
		if (rb_is_black(sibling->rb_left) &&
		    rb_is_black(sibling->rb_right)) { /* case 2 */
			rb_set_color(sibling, RB_RED);
			node = parent;
			parent = rb_parent(node);
			continue;
		}
		if (rb_is_black(rb_child(sibling, !dir))) { /* case 3 */
			rb_set_color(rb_child(sibling, dir), RB_BLACK);
			rb_set_color(sibling, RB_RED);
			rb_rotate(sibling, !dir, root);
			sibling = rb_child(parent, !dir);
		}
		rb_set_color(sibling, rb_color(parent)); /* case 4 */
		rb_set_color(parent, RB_BLACK);
		rb_set_color(rb_child(sibling, !dir), RB_BLACK);
		rb_rotate(parent, dir, root);
		return;
	}
	if (node)
		rb_set_color(node, RB_BLACK);
}

/* Put new (perhaps NULL) in old's place under old's parent. */
static void rb_transplant(struct rb_node *old, struct rb_node *new,
			  struct rb_root *root)
{
	struct rb_node *parent = rb_parent(old);

	rb_change_child(old, new, parent, root);
	if (new)
		rb_set_parent(new, parent);
}

/* The last node of node's subtree going towards dir: its min or its max. */
static struct rb_node *rb_extreme(struct rb_node *node, int dir)
{
	while (rb_child(node, dir))
		node = rb_child(node, dir);
	return node;
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent, *next;
	int removed = rb_color(node);

	if (!node->rb_left || !node->rb_right) {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		rb_transplant(node, child, root);
	} else {
		next = rb_extreme(node->rb_right, LEFT);
		removed = rb_color(next);
		child = next->rb_right;
		if (rb_parent(next) == node) {
			parent = next;
		} else {
			parent = rb_parent(next);
			rb_transplant(next, child, root);
			next->rb_right = node->rb_right;
			rb_set_parent(next->rb_right, next);
		}
		rb_transplant(node, next, root);
		next->rb_left = node->rb_left;
		rb_set_parent(next->rb_left, next);
		rb_set_color(next, rb_color(node));
	}
	if (removed == RB_BLACK)
		rb_erase_fixup(child, parent, root);
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		rb_set_parent(victim->rb_right, new);
	rb_change_child(victim, new, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return root->rb_node ? rb_extreme(root->rb_node, LEFT) : NULL;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return root->rb_node ? rb_extreme(root->rb_node, RIGHT) : NULL;
}

/*
 * The neighbour of node on side dir in order: the nearest node of its dir
 * subtree if it has one, else the first ancestor it is not on the dir side of.
 */
static struct rb_node *rb_step(const struct rb_node *node, int dir)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (rb_child(node, dir))
		return rb_extreme(rb_child(node, dir), !dir);
	while ((parent = rb_parent(node)) && node == rb_child(parent, dir))
		node = parent;
	return parent;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	return rb_step(node, RIGHT);
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	return rb_step(node, LEFT);
}
