#ifndef CJOBPQ_SHIM_H
#define CJOBPQ_SHIM_H
#include <libpq-fe.h>
#endif
