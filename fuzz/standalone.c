/* fuzz/standalone.c — main() for a fuzz target without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named, or on each file in each
 * directory named. make valgrind links every target with it (compiled with
 * FZ_NO_REAL_LOAD: valgrind cannot run the load check's CLONE_VM child) and
 * runs the seed corpora under valgrind. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;
	if(f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
	{
		fprintf(stderr, "standalone: cannot read %s\n", path);
		if(f != NULL)
		{
			fclose(f);
		}
		return 1;
	}
	buf = (uint8_t *)malloc((size_t)len + 1);
	if(buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len)
	{
		free(buf);
		fclose(f);
		return 1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0;
	unsigned long runs = 0;
	for(i = 1; i < argc; i++)
	{
		struct stat st;
		if(stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
		{
			DIR *d = opendir(argv[i]);
			struct dirent *e;
			while(d != NULL && (e = readdir(d)) != NULL)
			{
				char path[4096];
				if(e->d_name[0] == '.')
				{
					continue;
				}
				snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
				bad |= run_file(path);
				runs++;
			}
			if(d != NULL)
			{
				closedir(d);
			}
		}
		else
		{
			bad |= run_file(argv[i]);
			runs++;
		}
	}
	printf("standalone: %lu inputs\n", runs);
	return bad;
}
