// The shared text formatting of the result files, the tables and the narration: each
// function formats exactly as the copy it replaced (printf's %.*f and %.10g).
#include "scratch/gcsim/output/text-format.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace gcsim
{
namespace
{

TEST(TextFormat, FixedIsPrintfFixed)
{
    EXPECT_EQ(Fixed(2.5, 2), "2.50");
    EXPECT_EQ(Fixed(0.125, 2), "0.12"); // round half to even, as printf does on binary values
    EXPECT_EQ(Fixed(0.135, 2), "0.14");
    EXPECT_EQ(Fixed(-0.0, 3), "-0.000");
    EXPECT_EQ(Fixed(-0.0004, 3), "-0.000");
    EXPECT_EQ(Fixed(1234567.891, 0), "1234568");
    EXPECT_EQ(Fixed(1e20, 1), "100000000000000000000.0");
    // A 64-byte buffer: the longest text is 63 characters, as in every copy it replaced.
    EXPECT_EQ(Fixed(1e300, 1).size(), 63u);
    EXPECT_EQ(Fixed(std::numeric_limits<double>::infinity(), 2), "inf");
    EXPECT_EQ(Fixed(std::nan(""), 2), "nan");
}

TEST(TextFormat, FixedShortDropsTrailingZeros)
{
    EXPECT_EQ(FixedShort(2.5, 2), "2.5");
    EXPECT_EQ(FixedShort(3.0, 2), "3");
    EXPECT_EQ(FixedShort(100.0, 0), "100"); // no point: the zeros of the integer part stay
    EXPECT_EQ(FixedShort(-0.0, 3), "-0");
    EXPECT_EQ(FixedShort(0.0004, 3), "0");
    EXPECT_EQ(FixedShort(1.9999, 3), "2");
    EXPECT_EQ(FixedShort(12.340, 3), "12.34");
}

TEST(TextFormat, NumberIsTenSignificantDigits)
{
    EXPECT_EQ(Number(0.0), "0");
    EXPECT_EQ(Number(-0.0), "-0");
    EXPECT_EQ(Number(1.0 / 3.0), "0.3333333333");
    EXPECT_EQ(Number(12345678901.0), "1.23456789e+10");
    EXPECT_EQ(Number(1e300), "1e+300");
    EXPECT_EQ(Number(2.00000000049), "2");
    EXPECT_EQ(Number(std::numeric_limits<double>::infinity()), "inf");
    EXPECT_EQ(NumberOrEmpty(std::nan("")), "");
    EXPECT_EQ(NumberOrEmpty(-0.0), "-0");
    EXPECT_EQ(NumberOrEmpty(1.5), "1.5");
}

TEST(TextFormat, JoinSkipsTheSeparatorWhileTheTextIsEmpty)
{
    EXPECT_EQ(Join({}, ", "), "");
    EXPECT_EQ(Join({"a"}, ", "), "a");
    EXPECT_EQ(Join({"a", "b", "c"}, "; "), "a; b; c");
    EXPECT_EQ(Join({"", "a", "b"}, ", "), "a, b");
    EXPECT_EQ(Join({"a", "", "b"}, ", "), "a, , b");
}

TEST(TextFormat, TrimBlanksAtBothEnds)
{
    EXPECT_EQ(TrimBlanks("", " \t\r"), "");
    EXPECT_EQ(TrimBlanks(" \t\r ", " \t\r"), "");
    EXPECT_EQ(TrimBlanks("  a b \r", " \t\r"), "a b");
    EXPECT_EQ(TrimBlanks("a\r", " \t"), "a\r");
}

TEST(TextFormat, PluralAgreesWithItsCount)
{
    EXPECT_EQ(Plural(1, "run"), "1 run");
    EXPECT_EQ(Plural(2, "run"), "2 runs");
    EXPECT_EQ(Plural(0, "link"), "0 links");
    EXPECT_EQ(Plural(1, "join or leave", "joins and leaves"), "1 join or leave");
    EXPECT_EQ(Plural(3, "join or leave", "joins and leaves"), "3 joins and leaves");
}

TEST(TextFormat, RenderTableWrapsWholeColumnsAndRepeatsTheLabels)
{
    TextTable t{
        {"one", "twenty", "three"}, {"a", "long label"}, {{"1", "2", "3"}, {"", "x", "33"}}};
    EXPECT_EQ(RenderTable(t), "            one  twenty  three\n"
                              "a             1       2      3\n"
                              "long label            x     33\n");
    EXPECT_EQ(RenderTable(t, 30), RenderTable(t)); // it fits
    EXPECT_EQ(RenderTable(t, 25), "            one  twenty\n"
                                  "a             1       2\n"
                                  "long label            x\n"
                                  "\n"
                                  "            three\n"
                                  "a               3\n"
                                  "long label     33\n");
    // Too narrow for even one column beside the labels: one column a block, never split.
    EXPECT_EQ(RenderTable(t, 5).substr(0, 32), "            one\na             1\n");
}

TEST(TextFormat, WrapWordsBreaksAtSpacesOnly)
{
    EXPECT_EQ(WrapWords("a bb ccc dddd", 0), "a bb ccc dddd");
    EXPECT_EQ(WrapWords("a bb ccc dddd", 6), "a bb\nccc\ndddd");
    EXPECT_EQ(WrapWords("unbreakable word", 4), "unbreakable\nword");
}

} // namespace
} // namespace gcsim
