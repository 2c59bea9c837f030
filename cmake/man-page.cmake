# gcsim(1), generated from the program's own help by help2man: the synopsis, the options and
# the delivery modes and topology kinds of "gcsim --help", then each command's "--help" under
# COMMANDS. Dated by the commit (SOURCE_DATE_EPOCH), so one commit gives one page.
find_program(GCSIM_HELP2MAN help2man)
if(NOT GCSIM_HELP2MAN)
    message(STATUS "help2man not found: no man page (scripts/setup.sh installs it)")
    return()
endif()
execute_process(COMMAND git log -1 --format=%ct WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    OUTPUT_VARIABLE GCSIM_COMMIT_TIME OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT GCSIM_COMMIT_TIME)
    set(GCSIM_COMMIT_TIME 0)
endif()
set(GCSIM_MAN_PAGE ${CMAKE_CURRENT_BINARY_DIR}/man/gcsim.1)
add_custom_command(OUTPUT ${GCSIM_MAN_PAGE} ${GCSIM_MAN_PAGE}.gz
    COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=${GCSIM_COMMIT_TIME}
        ${CMAKE_CURRENT_SOURCE_DIR}/cmake/man-page.sh $<TARGET_FILE:gcsim> ${GCSIM_MAN_PAGE}
    DEPENDS gcsim ${CMAKE_CURRENT_SOURCE_DIR}/cmake/man-page.sh
    COMMENT "Writing the man page gcsim(1)")
add_custom_target(gcsim-man-page ALL DEPENDS ${GCSIM_MAN_PAGE})
install(FILES ${GCSIM_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
