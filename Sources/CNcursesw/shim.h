#ifndef BATON_CNCURSESW_SHIM_H
#define BATON_CNCURSESW_SHIM_H
// Wide-character curses: these must be defined before the header, or
// get_wch/add_wch and cchar_t are not declared.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Swift 6 rejects C globals and function-like macros; these wrappers give
// the Terminal module a safe surface.
static inline WINDOW *baton_stdscr(void) { return stdscr; }
static inline int baton_lines(void) { return LINES; }
static inline int baton_cols(void) { return COLS; }
static inline int baton_colors(void) { return COLORS; }
static inline void baton_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline attr_t baton_a_bold(void) { return A_BOLD; }
static inline attr_t baton_a_dim(void) { return A_DIM; }
static inline attr_t baton_a_reverse(void) { return A_REVERSE; }
static inline attr_t baton_a_underline(void) { return A_UNDERLINE; }
static inline attr_t baton_a_normal(void) { return A_NORMAL; }
static inline attr_t baton_color_pair(int n) { return COLOR_PAIR(n); }
static inline const char *baton_curses_version(void) { return curses_version(); }
static inline FILE *baton_stdout(void) { return stdout; }
static inline FILE *baton_stdin(void) { return stdin; }
static inline const char *baton_codeset(void) { return nl_langinfo(CODESET); }
// Whether the terminal can move the cursor (`cup`): a dumb terminal cannot
// draw a screen at all.
static inline int baton_can_address(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

// Scroll stdscr's rows top...bot (inclusive) by n lines (up when n > 0).
static inline void baton_scroll_rows(int top, int bot, int n) {
    wsetscrreg(stdscr, top, bot);
    scrollok(stdscr, TRUE);
    wscrl(stdscr, n);
    scrollok(stdscr, FALSE);
    wsetscrreg(stdscr, 0, LINES - 1);
}
#endif
