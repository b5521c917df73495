/*
 * tests/test_rbtree.c - lib/rbtree.c against a model, a sorted array of the
 * items the tree should hold, with every red-black rule checked after every
 * insert, erase and replace.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/host_names.h"
#include "lib/compiler.h"
#include "lib/rbtree.h"

#define NKEYS 512

/* The key first, so that rb_entry() has an offset to subtract. */
struct item {
	unsigned long key;
	struct rb_node rb;
};

/* items[k] and spares[k] have key k; a tree holds at most one of the two. */
static struct item items[NKEYS], spares[NKEYS];
static struct rb_root tree;

/* The model: the items in the tree, in increasing key order. */
static struct item *model[NKEYS];
static unsigned int model_n;

/* The last operation, named by every failure. */
static const char *last_op = "nothing";
static unsigned long last_key, last_step;

#define check(cond, fmt, ...)                                               \
	do {                                                                \
		if (!(cond))                                                \
			fail_msg("step %lu, after %s %lu: " fmt, last_step, \
				 last_op, last_key, ##__VA_ARGS__);         \
	} while (0)

static void reset(void)
{
	tree = RB_ROOT;
	model_n = 0;
	last_op = "nothing";
	last_key = last_step = 0;
	for (unsigned long k = 0; k < NKEYS; k++) {
		items[k].key = spares[k].key = k;
		RB_CLEAR_NODE(&items[k].rb);
		RB_CLEAR_NODE(&spares[k].rb);
	}
}

static unsigned long key_of(const struct rb_node *node)
{
	return rb_entry(node, struct item, rb)->key;
}

static int color_of(const struct rb_node *node)
{
	return node->__rb_parent_color & 1;
}

/* Where key is, or would go, in the model. */
static unsigned int model_index(unsigned long key)
{
	unsigned int i = 0;

	while (i < model_n && model[i]->key < key)
		i++;
	return i;
}

static bool model_has(unsigned long key)
{
	unsigned int i = model_index(key);

	return i < model_n && model[i]->key == key;
}

/*
 * Check the subtree at node, the parent's child: parent links, no red child
 * of a red node, equal black heights, and its in-order sequence equal to
 * model[*next...]. Returns its black height (NULL links count one).
 */
static int check_subtree(const struct rb_node *node,
			 const struct rb_node *parent, unsigned int *next)
{
	unsigned long key;
	int left, right;

	if (!node)
		return 1;
	key = key_of(node);
	check(rb_parent(node) == parent, "key %lu: parent link %p, want %p",
	      key, (void *)rb_parent(node), (const void *)parent);
	check((node->__rb_parent_color & 2) == 0, "key %lu: bit 1 set", key);
	check(!(parent && color_of(parent) == RB_RED &&
		color_of(node) == RB_RED),
	      "key %lu: red child of red %lu", key, key_of(parent));

	left = check_subtree(node->rb_left, node, next);
	check(*next < model_n, "key %lu: more nodes than the model's %u", key,
	      model_n);
	check(*next == 0 || model[*next - 1]->key < key,
	      "key %lu: in-order after %lu", key, model[*next - 1]->key);
	check(node == &model[*next]->rb, "key %lu: in-order #%u, want key %lu",
	      key, *next, model[*next]->key);
	(*next)++;
	right = check_subtree(node->rb_right, node, next);

	check(left == right, "key %lu: black heights %d left, %d right", key,
	      left, right);
	return left + (color_of(node) == RB_BLACK);
}

/* Every rule, and both walks, against the model. */
static void check_tree(void)
{
	const struct rb_node *node;
	unsigned int i = 0;

	check(RB_EMPTY_ROOT(&tree) == (model_n == 0), "empty root %d, %u items",
	      RB_EMPTY_ROOT(&tree), model_n);
	check(!tree.rb_node || color_of(tree.rb_node) == RB_BLACK,
	      "red root %lu", key_of(tree.rb_node));
	check_subtree(tree.rb_node, NULL, &i);
	check(i == model_n, "%u nodes in order, want %u", i, model_n);

	i = 0;
	for (node = rb_first(&tree); node; node = rb_next(node), i++)
		check(i < model_n && node == &model[i]->rb,
		      "rb_next walk #%u at key %lu", i, key_of(node));
	check(i == model_n, "rb_next walk: %u nodes, want %u", i, model_n);

	i = model_n;
	for (node = rb_last(&tree); node; node = rb_prev(node))
		check(i > 0 && node == &model[--i]->rb,
		      "rb_prev walk #%u at key %lu", i, key_of(node));
	check(i == 0, "rb_prev walk stopped %u nodes short", i);
}

/* Link it where Linux's callers do: the NULL link a search falls off. */
static void insert(struct item *it)
{
	struct rb_node **link = &tree.rb_node, *parent = NULL;
	unsigned int i = model_index(it->key);

	while (*link) {
		parent = *link;
		if (it->key < key_of(parent))
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&it->rb, parent, link);
	check(!RB_EMPTY_NODE(&it->rb), "linked node %lu looks empty", it->key);
	rb_insert_color(&it->rb, &tree);

	for (unsigned int j = model_n; j > i; j--)
		model[j] = model[j - 1];
	model[i] = it;
	model_n++;
	last_op = "insert";
	last_key = it->key;
	last_step++;
}

/* What the erased node was, for the coverage counts of the random test. */
enum shape { ROOT, LEAF, ONE_CHILD, TWO_CHILDREN, NSHAPES };

static enum shape shape_of(const struct rb_node *node)
{
	if (!rb_parent(node))
		return ROOT;
	if (node->rb_left && node->rb_right)
		return TWO_CHILDREN;
	return node->rb_left || node->rb_right ? ONE_CHILD : LEAF;
}

/* Erase and clear, as Linux's callers do: a dangling link shows at once. */
static enum shape erase(struct item *it)
{
	unsigned int i = model_index(it->key);
	enum shape shape = shape_of(&it->rb);

	rb_erase(&it->rb, &tree);
	RB_CLEAR_NODE(&it->rb);
	it->rb.rb_left = it->rb.rb_right = NULL;

	model_n--;
	for (unsigned int j = i; j < model_n; j++)
		model[j] = model[j + 1];
	last_op = "erase";
	last_key = it->key;
	last_step++;
	return shape;
}

static void insert_checked(unsigned long key)
{
	insert(&items[key]);
	check_tree();
}

static void erase_checked(unsigned long key)
{
	erase(&items[key]);
	check_tree();
}

static void test_empty_tree(void **state)
{
	(void)state;
	reset();
	assert_true(RB_EMPTY_ROOT(&tree));
	assert_null(rb_first(&tree));
	assert_null(rb_last(&tree));
	check_tree();
}

static void test_single_node(void **state)
{
	struct rb_node *node = &items[7].rb;

	(void)state;
	reset();
	insert_checked(7);
	assert_ptr_equal(tree.rb_node, node);
	assert_null(rb_parent(node));
	assert_int_equal(color_of(node), RB_BLACK);
	assert_ptr_equal(rb_first(&tree), node);
	assert_ptr_equal(rb_last(&tree), node);
	assert_null(rb_next(node));
	assert_null(rb_prev(node));
	assert_ptr_equal(rb_entry(node, struct item, rb), &items[7]);
	erase_checked(7);
	assert_true(RB_EMPTY_ROOT(&tree));
}

/* A node in no tree: RB_EMPTY_NODE, and no neighbours. */
static void test_cleared_node_is_empty(void **state)
{
	struct rb_node *node = &items[1].rb;

	(void)state;
	reset();
	insert_checked(0);
	insert_checked(2);
	assert_true(RB_EMPTY_NODE(node));
	assert_null(rb_next(node));
	assert_null(rb_prev(node));
	insert_checked(1);
	assert_false(RB_EMPTY_NODE(node));
	assert_ptr_equal(rb_next(node), &items[2].rb);
	assert_ptr_equal(rb_prev(node), &items[0].rb);
}

/* Each insert lands on the outer edge: rotations one way, climbing fix-ups. */
static void test_ascending_insert_and_erase(void **state)
{
	(void)state;
	reset();
	for (unsigned long k = 0; k < NKEYS; k++)
		insert_checked(k);
	for (unsigned long k = 0; k < NKEYS; k++)
		erase_checked(k);
}

static void test_descending_insert_and_erase(void **state)
{
	(void)state;
	reset();
	for (unsigned long k = NKEYS; k-- > 0;)
		insert_checked(k);
	for (unsigned long k = NKEYS; k-- > 0;)
		erase_checked(k);
}

/* Inserts that alternate ends zig-zag: the inner-grandchild case. */
static void test_zigzag_insert_and_erase_from_middle(void **state)
{
	(void)state;
	reset();
	for (unsigned long i = 0; i < NKEYS; i++)
		insert_checked(i % 2 ? NKEYS - 1 - i / 2 : i / 2);
	for (unsigned long i = 0; i < NKEYS; i++)
		erase_checked(i % 2 ? NKEYS / 2 - 1 - i / 2 :
				      NKEYS / 2 + i / 2);
}

static void test_erase_root_until_empty(void **state)
{
	(void)state;
	reset();
	for (unsigned long k = 0; k < 200; k++)
		insert_checked((k * 37) % 200);
	while (!RB_EMPTY_ROOT(&tree)) {
		erase(rb_entry(tree.rb_node, struct item, rb));
		check_tree();
	}
}

/* The next permutation of p[0..n) in lexicographic order; false after last. */
static bool next_permutation(unsigned long *p, unsigned int n)
{
	unsigned int i = n - 1, j = n - 1;
	unsigned long t;

	while (i > 0 && p[i - 1] >= p[i])
		i--;
	if (i == 0)
		return false;
	while (p[j] <= p[i - 1])
		j--;
	t = p[i - 1], p[i - 1] = p[j], p[j] = t;
	for (j = n - 1; i < j; i++, j--)
		t = p[i], p[i] = p[j], p[j] = t;
	return true;
}

/* Every tree that 7 keys can build, emptied in every order as well. */
static void test_every_order_of_seven_keys(void **state)
{
	unsigned long p[7] = { 0, 1, 2, 3, 4, 5, 6 };

	(void)state;
	reset();
	do {
		for (unsigned int i = 0; i < ARRAY_SIZE(p); i++)
			insert_checked(p[i]);
		for (unsigned int i = 0; i < ARRAY_SIZE(p); i++)
			erase_checked(p[(i + 3) % ARRAY_SIZE(p)]);
	} while (next_permutation(p, ARRAY_SIZE(p)));
}

/* The replacement takes the victim's place, colour and links. */
static void test_replace_node(void **state)
{
	(void)state;
	reset();
	for (unsigned long k = 0; k < 100; k++)
		insert_checked((k * 41) % 100);
	for (unsigned long k = 0; k < 100; k++) {
		struct rb_node *victim = &items[k].rb, *new = &spares[k].rb;
		unsigned long color = victim->__rb_parent_color;
		bool was_root = tree.rb_node == victim;

		rb_replace_node(victim, new, &tree);
		model[model_index(k)] = &spares[k];
		last_op = "replace";
		last_key = k;
		last_step++;
		check_tree();
		assert_int_equal(new->__rb_parent_color, color);
		assert_int_equal(tree.rb_node == new, was_root);
	}
	for (unsigned long k = 100; k-- > 0;) {
		rb_replace_node(&spares[k].rb, &items[k].rb, &tree);
		model[model_index(k)] = &items[k];
		check_tree();
	}
}

/* xorshift64: the same sequence on every host, unlike rand(). */
static uint64_t rnd_state;

static unsigned long rnd(unsigned long bound)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state % bound;
}

#define RANDOM_STEPS 6000

/*
 * Inserts and erases at random, the mix swinging between growth and
 * shrinkage so that the tree passes through every size, and one step in
 * sixteen erasing the root. Each erased shape must come up.
 */
static void test_random_ops(void **state)
{
	unsigned long shapes[NSHAPES] = { 0 };
	static const unsigned long insert_percent[] = { 90, 50, 10, 50 };

	reset();
	rnd_state = (uintptr_t)*state;
	for (unsigned long step = 0; step < RANDOM_STEPS; step++) {
		unsigned long phase = step / 500 % ARRAY_SIZE(insert_percent);
		unsigned long k = rnd(NKEYS);

		if (model_n && rnd(16) == 0) {
			shapes[erase(rb_entry(tree.rb_node, struct item, rb))]++;
		} else if (model_n < NKEYS &&
			   (!model_n || rnd(100) < insert_percent[phase])) {
			while (model_has(k))
				k = (k + 1) % NKEYS;
			insert(&items[k]);
		} else {
			shapes[erase(model[rnd(model_n)])]++;
		}
		check_tree();
	}
	for (unsigned int s = 0; s < NSHAPES; s++)
		assert_true(shapes[s] > 10);
}

#define RANDOM_TEST(seed)                                                   \
	{                                                                   \
		"test_random_ops_seed_" #seed, test_random_ops, NULL, NULL, \
			(void *)(uintptr_t)(seed)                           \
	}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_tree),
		cmocka_unit_test(test_single_node),
		cmocka_unit_test(test_cleared_node_is_empty),
		cmocka_unit_test(test_ascending_insert_and_erase),
		cmocka_unit_test(test_descending_insert_and_erase),
		cmocka_unit_test(test_zigzag_insert_and_erase_from_middle),
		cmocka_unit_test(test_erase_root_until_empty),
		cmocka_unit_test(test_every_order_of_seven_keys),
		cmocka_unit_test(test_replace_node),
		RANDOM_TEST(1),
		RANDOM_TEST(42),
		RANDOM_TEST(0x9e3779b97f4a7c15),
		RANDOM_TEST(0xdeadbeef),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
