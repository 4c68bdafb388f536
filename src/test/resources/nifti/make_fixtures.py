#!/usr/bin/python3
"""Writes the NIfTI test fixtures of StrokeJ with nibabel (an independent implementation).

Run with Debian's python3 + nibabel 5 from this folder's parent project:
    /usr/bin/python3 src/test/resources/nifti/make_fixtures.py
It (re)writes small 7x6x5 images next to this script and expected.json, which holds, for every
file, what nibabel reports after reorienting the image to LPS voxel order:
shape, zooms, affine (voxel -> RAS+ mm), the original axis codes and the scaled voxel values as a
flat list in Fortran order (x fastest). NaN/Infinity appear as the strings "NaN"/"Infinity"/"-Infinity".
"""
import gzip
import io
import json
import math
import os

import numpy as np
import nibabel as nib
from nibabel.orientations import io_orientation, axcodes2ornt, ornt_transform, aff2axcodes

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPE = (7, 6, 5)


def ramp(dtype, lo, hi):
    """Distinct values lo..hi over the grid, Fortran order, so every voxel position is testable."""
    n = int(np.prod(SHAPE))
    v = np.linspace(lo, hi, n)
    return np.asarray(np.round(v) if np.issubdtype(np.dtype(dtype), np.integer) else v,
                      dtype=dtype).reshape(SHAPE, order='F')


def affine(zooms, axes, origin=(10.0, -20.0, 30.0)):
    """Affine whose voxel axis i runs along world axis axes[i] = (index, sign)."""
    a = np.zeros((4, 4))
    for i, (w, s) in enumerate(axes):
        a[w, i] = s * zooms[i]
    a[:3, 3] = origin
    a[3, 3] = 1
    return a


def rot(ax, deg):
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    m = np.eye(3)
    i, j = [(1, 2), (0, 2), (0, 1)][ax]
    m[i, i], m[i, j], m[j, i], m[j, j] = c, -s, s, c
    return m


RAS = [(0, 1), (1, 1), (2, 1)]
files = {}


def save(name, img, **fields):
    """Saves img; then sets header fields (e.g. scl_slope) directly in the written file, because
    nibabel chooses its own scaling when it saves."""
    path = os.path.join(HERE, name)
    nib.save(img, path)
    if fields:
        gz = name.endswith('.gz')
        with (gzip.open if gz else open)(path, 'rb') as f:
            raw = f.read()
        klass = type(img.header)
        hdr = klass.from_fileobj(io.BytesIO(raw))
        for k, v in fields.items():
            hdr[k] = v
        block = hdr.binaryblock
        # mtime=0 keeps the gzip bytes reproducible
        with (gzip.GzipFile(path, 'wb', mtime=0) if gz else open(path, 'wb')) as f:
            f.write(block + raw[len(block):])
    files[name] = path


# -- one file per datatype, plain RAS (sform 2 + qform) --
Z = (0.9, 0.8, 2.5)
for dt, lo, hi in [('uint8', 0, 255), ('int8', -128, 127), ('int16', -1024, 3000),
                   ('uint16', 0, 65535), ('int32', -100000, 100000), ('uint32', 0, 4000000),
                   ('float32', -1.5, 2.75), ('float64', -1e3, 1e3)]:
    img = nib.Nifti1Image(ramp(dt, lo, hi), affine(Z, RAS))
    img.set_sform(img.affine, code=2)
    img.set_qform(img.affine, code=1)
    save(f'{dt}_ras.nii', img)

# -- scaled int16 (CT-like: raw * 0.5 - 1024), gzip --
img = nib.Nifti1Image(ramp('int16', 0, 8000), affine((0.5, 0.5, 5.0), RAS))
save('int16_scaled.nii.gz', img, scl_slope=0.5, scl_inter=-1024.0)

# -- big-endian int16 with slope/intercept 2 / 3 --
hdr = nib.Nifti1Header(endianness='>')
hdr.set_data_dtype('>i2')
img = nib.Nifti1Image(ramp('>i2', -500, 500), affine((1.0, 1.25, 3.0), RAS), header=hdr)
save('int16_bigendian.nii', img, scl_slope=2.0, scl_inter=3.0)

# -- LAS float32, gzip --
img = nib.Nifti1Image(ramp('float32', 0, 209), affine((0.7, 0.6, 1.5), [(0, -1), (1, 1), (2, 1)]))
save('float32_las.nii.gz', img)

# -- PIR uint8 labels (axis 0 -> P, 1 -> I, 2 -> R) --
lab = (ramp('int32', 0, 209) % 3).astype('uint8')
img = nib.Nifti1Image(lab, affine((1.1, 1.2, 1.3), [(1, -1), (2, -1), (0, 1)]))
save('uint8_pir.nii', img)

# -- oblique sform: rotate RAS by 20 deg about z and 10 deg about x --
a = affine((0.9, 0.9, 3.0), RAS)
a[:3, :3] = rot(0, 10) @ rot(2, 20) @ a[:3, :3]
img = nib.Nifti1Image(ramp('float32', -1000, 1000), a)
img.set_qform(a, code=0)
img.set_sform(a, code=1)
save('float32_oblique.nii.gz', img)

# -- qform only: axes S, L, P-ish (rotation) with qfac -1, sform code 0 --
a = affine((2.0, 1.5, 1.0), [(2, 1), (0, -1), (1, -1)], origin=(-5.0, 7.5, 12.0))
img = nib.Nifti1Image(ramp('int16', -300, 700), a)
img.set_sform(None, code=0)
img.set_qform(a, code=1)
save('int16_qform_only.nii', img)

# -- qform only with a negative determinant (qfac = -1): LAS tilted 15 deg about y --
a = affine((0.8, 0.9, 2.0), [(0, -1), (1, 1), (2, 1)], origin=(40.0, -60.0, -10.0))
a[:3, :3] = rot(1, 15) @ a[:3, :3]
img = nib.Nifti1Image(ramp('uint16', 0, 1000), a)
img.set_sform(None, code=0)
img.set_qform(a, code=2)
save('uint16_qform_las.nii', img)
assert img.header['pixdim'][0] == -1

# -- pixdim only: both codes 0 --
img = nib.Nifti1Image(ramp('int16', 0, 209), None)
img.header.set_zooms((1.5, 2.0, 4.0))
img.set_sform(None, code=0)
img.set_qform(None, code=0)
save('int16_pixdim_only.nii', img)

# -- NIfTI-2, float32, ARS-like oblique-free --
img = nib.Nifti2Image(ramp('float32', -10, 10), affine((0.75, 0.5, 2.0), [(1, 1), (0, -1), (2, 1)]))
save('float32_nifti2.nii', img)

# -- 2D uint8 (dim[0] = 2) --
img = nib.Nifti1Image(ramp('uint8', 0, 41)[:, :, 0], affine((0.6, 0.6, 1.0), RAS))
save('uint8_2d.nii', img)

# -- NaN and Inf voxels --
d = ramp('float32', 0, 1)
d[1, 2, 3] = np.nan
d[6, 5, 4] = np.inf
d[0, 0, 0] = -np.inf
img = nib.Nifti1Image(d, affine((1.0, 1.0, 1.0), RAS))
save('float32_nan.nii', img)

# -- expected values after reorientation to LPS --
LPS = axcodes2ornt(('L', 'P', 'S'))


def num(x):
    x = float(x)
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    return x


expected = {}
for name, path in sorted(files.items()):
    img = nib.load(path)
    hdr = img.header
    data = img.get_fdata()
    if data.ndim == 2:
        data = data[:, :, None]
    img3 = nib.Nifti1Image(data, img.affine)
    zooms = [float(z) for z in hdr['pixdim'][1:4]]  # 2D: nibabel reports 2 zooms, keep pixdim[3]
    assert np.allclose(hdr.get_zooms()[:3], zooms[:len(hdr.get_zooms()[:3])])
    t = ornt_transform(io_orientation(img.affine), LPS)
    reo = img3.as_reoriented(t)
    # zooms follow the same axis permutation as the data
    new_zooms = [0.0, 0.0, 0.0]
    for i, (to, _) in enumerate(t):
        new_zooms[int(to)] = abs(float(zooms[i]))
    expected[name] = {
        'format': 'NIfTI-2' if isinstance(img, nib.Nifti2Image) else 'NIfTI-1',
        'datatype': str(hdr.get_data_dtype().name),
        'big_endian': hdr.endianness == '>',
        'orientation': ''.join(aff2axcodes(img.affine)),
        'shape': [int(s) for s in reo.shape],
        'zooms': new_zooms,
        'affine': [float(v) for v in reo.affine.ravel()],
        'data': [num(v) for v in np.asarray(reo.dataobj).ravel(order='F')],
    }
with open(os.path.join(HERE, 'expected.json'), 'w') as f:
    json.dump(expected, f, indent=1)
print('wrote', len(files), 'fixtures')
