/* The CPU time (user + system) of a command, for the guest benchmark
 * (tests/system/bench.sh): TCG makes wall time emulation time, so only
 * ratios between commands timed alike mean anything.
 *
 *   cputime RUNS OUT CMD [ARG...]   runs CMD RUNS times (at most 31), its
 *                                   stdout into OUT, and prints the median
 *                                   user+sys in microseconds; status 1 when
 *                                   a run fails */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long long cpu[31];
	int runs, i, j;

	if (argc < 4 || (runs = atoi(argv[1])) < 1 || runs > 31) {
		fputs("usage: cputime RUNS OUT CMD [ARG...]\n", stderr);
		return 2;
	}
	for (i = 0; i < runs; i++) {
		struct rusage ru;
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("cputime: fork");
			return 1;
		}
		if (pid == 0) {
			int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);

			if (fd < 0 || dup2(fd, 1) < 0)
				_exit(126);
			execvp(argv[3], argv + 3);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "cputime: %s failed (status %d)\n", argv[3], status);
			return 1;
		}
		cpu[i] = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL +
			 ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
		for (j = i; j > 0 && cpu[j - 1] > cpu[j]; j--) {
			long long t = cpu[j];
			cpu[j] = cpu[j - 1];
			cpu[j - 1] = t;
		}
	}
	printf("%lld\n", cpu[runs / 2]);
	return 0;
}
