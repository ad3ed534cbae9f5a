/*
 * bcryptprimitives.dll shim for running Go test binaries under wine 8.0.
 *
 * Why: since Go 1.22 every Windows Go program loads bcryptprimitives.dll at
 * start-up and resolves ProcessPrng from it (runtime/os_windows.go); if either
 * is missing the runtime throws before main runs. Wine 8.0 (Debian bookworm)
 * ships no bcryptprimitives.dll, so without this shim every Go binary dies.
 *
 * What: a DLL exporting only ProcessPrng, implemented on top of advapi32's
 * SystemFunction036 (a.k.a. RtlGenRandom), which wine does implement.
 *
 * Built by .ci/wine-setup.sh with:
 *   x86_64-w64-mingw32-gcc -O2 -shared -s -o bcryptprimitives.dll \
 *       processprng.c -ladvapi32
 * and copied into the wine prefix's drive_c/windows/system32/.
 */
#include <windows.h>

/* RtlGenRandom; exported by advapi32 under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID RandomBuffer, ULONG RandomBufferLength);

/*
 * BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData)
 * Fills pbData with cbData random bytes. The real one never fails; ours
 * returns FALSE only if RtlGenRandom does, which Go treats as fatal.
 */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData)
{
	/* RtlGenRandom takes a ULONG length: feed it in chunks. */
	while (cbData > 0) {
		ULONG n = cbData > 0x10000000 ? 0x10000000 : (ULONG)cbData;
		if (!SystemFunction036(pbData, n))
			return FALSE;
		pbData += n;
		cbData -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE hinst, DWORD reason, LPVOID reserved)
{
	(void)hinst;
	(void)reason;
	(void)reserved;
	return TRUE;
}
