// gcsim: the command. See README.md, or run `gcsim --help`.
#include "command.h"

#include <iostream>

int
main(int argc, char** argv)
{
    return gcsim::Main(argc, argv, std::cout, std::cerr);
}
