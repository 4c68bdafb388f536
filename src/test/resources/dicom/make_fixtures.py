#!/usr/bin/python3
"""Writes the tiny synthetic DICOM fixtures used by DicomSeriesReaderTest.

Run from anywhere with Debian's python3 + pydicom 2.x:
    /usr/bin/python3 src/test/resources/dicom/make_fixtures.py
It (re)creates the sub-folders next to this script and expected.json. Everything is
deterministic (fixed UIDs, fixed shuffles), so re-running gives identical bytes.

Stored-value formulas (k = spatial slice index, 0 = most inferior/first along the normal,
x = column, y = row, in the file's own pixel order):
  slope2       int16  s = -200 + 7x + 13y + 100k      HU = 2 s - 1024
  slope1       uint16 s = 50k + x + 10y               HU = s - 1000
  no_position  int16  s = 1000 (instance) + x + 8y    MR, no rescale
  flipped      int16  s = x + 10y + 100k              HU = s - 1024, IOP (-1,0,0,0,-1,0)
  coronal      int16  s = x + 10y + 100k              HU = s - 1024, IOP (1,0,0,0,0,-1)
"""
import json
import os
import shutil

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import (ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian,
                         JPEG2000Lossless, JPEGLosslessSV1)

HERE = os.path.dirname(os.path.abspath(__file__))
CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
MR_STORAGE = "1.2.840.10008.5.1.4.1.1.4"
IMPL_UID = "2.25.1000000000000000000000000000001"


def uid(*parts):
    return "2.25." + "".join(str(p) for p in parts)


def dataset(series_uid, sop_uid, rows, cols, pixels, ts=ExplicitVRLittleEndian,
            modality="CT", signed=True, slope=None, intercept=None, ipp=None, iop=None,
            instance=None, description="", thickness=None, between=None,
            pixel_spacing=(0.5, 0.8)):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CT_STORAGE if modality == "CT" else MR_STORAGE
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ts
    meta.ImplementationClassUID = IMPL_UID
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = ts == ImplicitVRLittleEndian
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = sop_uid
    ds.Modality = modality
    ds.SeriesDescription = description
    ds.PatientName = "PHANTOM^FIXTURE"
    ds.PatientID = "FIXTURE"
    ds.StudyInstanceUID = uid(42)
    ds.SeriesInstanceUID = series_uid
    if instance is not None:
        ds.InstanceNumber = instance
    if ipp is not None:
        ds.ImagePositionPatient = [float(v) for v in ipp]
    if iop is not None:
        ds.ImageOrientationPatient = [float(v) for v in iop]
    if thickness is not None:
        ds.SliceThickness = thickness
    if between is not None:
        ds.SpacingBetweenSlices = between
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = rows
    ds.Columns = cols
    ds.PixelSpacing = [pixel_spacing[0], pixel_spacing[1]]
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1 if signed else 0
    if intercept is not None:
        ds.RescaleIntercept = intercept
        ds.RescaleSlope = slope
        ds.RescaleType = "HU"
    if ts in (ExplicitVRLittleEndian, ImplicitVRLittleEndian, ExplicitVRBigEndian):
        ds.PixelData = pixels.astype("<i2" if signed else "<u2").tobytes()
    else:
        ds.PixelData = encapsulate([b"\xff\x4f\xff\x51" + bytes(60)])  # fake codestream
        ds["PixelData"].is_undefined_length = True
        ds["PixelData"].VR = "OB"
    return ds


def save(ds, folder, name):
    os.makedirs(folder, exist_ok=True)
    ds.save_as(os.path.join(folder, name), write_like_original=False)


def fresh(name):
    d = os.path.join(HERE, name)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    return d


def hu_list(arr):
    return [float(v) for v in np.asarray(arr, dtype=np.float64).ravel()]


expected = {}
STD = (1, 0, 0, 0, 1, 0)

# -- slope2: int16, slope 2 / intercept -1024, shuffled names, instance numbers reversed --
d = fresh("slope2")
rows, cols, n = 12, 16, 5
series = uid(1001)
names = ["m.dcm", "b.dcm", "x.dcm", "a.dcm", "q.dcm"]  # k -> name: name order != k order
yy, xx = np.mgrid[0:rows, 0:cols]
vol = []
for k in range(n):
    s = (-200 + 7 * xx + 13 * yy + 100 * k).astype(np.int16)
    vol.append(2.0 * s - 1024)
    save(dataset(series, uid(1001, 10 + k), rows, cols, s, slope=2, intercept=-1024,
                 ipp=(-10, -20, -30 + 5 * k), iop=STD, instance=n - k, thickness=3.0,
                 description="slope two"), d, names[k])
with open(os.path.join(d, "README.txt"), "w") as f:
    f.write("not DICOM; must be ignored\n")
# valid DICOM images of another series: read, they would make the folder hold two series
other = np.zeros((rows, cols), dtype=np.int16)
save(dataset(uid(1099), uid(1099, 1), rows, cols, other, slope=1, intercept=-1024,
             ipp=(0, 0, 0), iop=STD, instance=1, description="must be skipped"), d, "DICOMDIR")
save(dataset(uid(1099), uid(1099, 2), rows, cols, other, slope=1, intercept=-1024,
             ipp=(0, 0, 1), iop=STD, instance=2, description="must be skipped"), d, ".hidden.dcm")
# a DICOM object without an image (like a structured report): ignored
report = dataset(uid(1098), uid(1098, 1), rows, cols, other)
for keyword in ("PixelData", "Rows", "Columns", "BitsAllocated", "BitsStored", "HighBit",
                "PixelRepresentation", "SamplesPerPixel", "PhotometricInterpretation",
                "PixelSpacing", "RescaleIntercept", "RescaleSlope", "RescaleType"):
    if keyword in report:
        delattr(report, keyword)
save(report, d, "report.dcm")
expected["slope2"] = dict(series_uid=series, dims=[cols, rows, n], spacing=[0.8, 0.5, 5.0],
                          origin_lps=[-10, -20, -30], single_file=names[2], single_file_k=2,
                          hu=hu_list(vol))

# -- slope1: uint16, slope 1 / intercept -1000, uneven positions --
d = fresh("slope1_uneven")
rows, cols = 8, 10
series = uid(1002)
zs = [10.0, 12.0, 14.0, 20.0]
names = ["s3.dcm", "s1.dcm", "s4.dcm", "s2.dcm"]
yy, xx = np.mgrid[0:rows, 0:cols]
vol = []
for k, z in enumerate(zs):
    s = (50 * k + xx + 10 * yy).astype(np.uint16)
    vol.append(s.astype(np.float64) - 1000)
    save(dataset(series, uid(1002, 10 + k), rows, cols, s, signed=False, slope=1,
                 intercept=-1000, ipp=(0, 0, z), iop=STD, instance=k + 1, thickness=2.0,
                 pixel_spacing=(0.7, 0.7), description="uneven"), d, names[k])
expected["slope1_uneven"] = dict(series_uid=series, dims=[cols, rows, 4],
                                 spacing=[0.7, 0.7, 2.0], spacing_min=2.0, spacing_max=6.0,
                                 hu=hu_list(vol))

# -- no_position: implicit VR, MR, no IPP/IOP, InstanceNumber order, SpacingBetweenSlices --
d = fresh("no_position")
rows, cols = 8, 8
series = uid(1003)
names = {1: "d.dcm", 2: "c.dcm", 3: "a.dcm", 4: "b.dcm"}
yy, xx = np.mgrid[0:rows, 0:cols]
vol = []
for inst in range(1, 5):
    s = (1000 * inst + xx + 8 * yy).astype(np.int16)
    vol.append(s.astype(np.float64))
    save(dataset(series, uid(1003, 10 + inst), rows, cols, s, ts=ImplicitVRLittleEndian,
                 modality="MR", instance=inst, thickness=2.0, between=4.0,
                 pixel_spacing=(1.0, 1.0), description="no positions"), d, names[inst])
expected["no_position"] = dict(series_uid=series, dims=[cols, rows, 4],
                               spacing=[1.0, 1.0, 4.0], hu=hu_list(vol))

# -- flipped: IOP (-1,0,0,0,-1,0): rows run right-to-left, columns anterior-wards --
d = fresh("flipped")
rows, cols, n = 5, 6, 3
series = uid(1004)
yy, xx = np.mgrid[0:rows, 0:cols]
file_vol = []
for k in range(n):
    s = (xx + 10 * yy + 100 * k).astype(np.int16)
    file_vol.append(s.astype(np.float64) - 1024)
    save(dataset(series, uid(1004, 10 + k), rows, cols, s, slope=1, intercept=-1024,
                 ipp=(50, 40, 2 * k), iop=(-1, 0, 0, 0, -1, 0), instance=k + 1,
                 pixel_spacing=(1.0, 1.0), description="flipped"), d, "f%d.dcm" % k)
lps = np.stack(file_vol)[:, ::-1, ::-1]  # reverse rows (y) and columns (x)
expected["flipped"] = dict(series_uid=series, dims=[cols, rows, n], spacing=[1.0, 1.0, 2.0],
                           orientation="RAS", hu=hu_list(lps))

# -- coronal: IOP (1,0,0,0,0,-1): image down = inferior, slices step posterior --
d = fresh("coronal")
rows, cols, n = 5, 6, 3
series = uid(1005)
yy, xx = np.mgrid[0:rows, 0:cols]
file_vol = []
for k in range(n):
    s = (xx + 10 * yy + 100 * k).astype(np.int16)
    file_vol.append(s.astype(np.float64) - 1024)
    save(dataset(series, uid(1005, 10 + k), rows, cols, s, slope=1, intercept=-1024,
                 ipp=(0, 3 * k, 0), iop=(1, 0, 0, 0, 0, -1), instance=k + 1,
                 pixel_spacing=(2.0, 1.0), description="coronal"), d, "c%d.dcm" % k)
fv = np.stack(file_vol)  # [k][row j][col i]; LPS: x = i, y = k, z = reversed j
lps = np.transpose(fv, (1, 0, 2))[::-1, :, :]  # [z = rows-1-j][y = k][x = i]
expected["coronal"] = dict(series_uid=series, dims=[cols, n, rows], spacing=[1.0, 3.0, 2.0],
                           orientation="LIP", hu=hu_list(lps))

# -- big_endian: Explicit VR Big Endian (retired but readable) --
d = fresh("big_endian")
series = uid(1006)
yy, xx = np.mgrid[0:4, 0:5]
vol = []
for k in range(2):
    s = (-300 + xx + 10 * yy + 100 * k).astype(np.int16)
    vol.append(s.astype(np.float64) - 1024)
    ds = dataset(series, uid(1006, 10 + k), 4, 5, s, ts=ExplicitVRBigEndian, slope=1,
                 intercept=-1024, ipp=(0, 0, 3 * k), iop=STD, instance=k + 1,
                 pixel_spacing=(1.0, 1.0), description="big endian")
    ds.is_little_endian = False
    ds.PixelData = s.astype(">i2").tobytes()
    save(ds, d, "be%d.dcm" % k)
expected["big_endian"] = dict(series_uid=series, dims=[5, 4, 2], spacing=[1.0, 1.0, 3.0],
                              hu=hu_list(vol))

# -- two_series: two series in one folder --
d = fresh("two_series")
a, b = uid(2001), uid(2002)
for k in range(2):
    s = np.full((4, 4), 10 * k, dtype=np.int16)
    save(dataset(a, uid(2001, 10 + k), 4, 4, s, slope=1, intercept=-1024, ipp=(0, 0, k),
                 iop=STD, instance=k + 1, description="Brain 5mm"), d, "a%d.dcm" % k)
for k in range(3):
    s = np.full((4, 4), 20 * k, dtype=np.int16)
    save(dataset(b, uid(2002, 10 + k), 4, 4, s, slope=1, intercept=-1024, ipp=(0, 0, k),
                 iop=STD, instance=k + 1, description="Bone 1mm"), d, "b%d.dcm" % k)
expected["two_series"] = dict(series=[dict(uid=a, description="Brain 5mm", files=2),
                                      dict(uid=b, description="Bone 1mm", files=3)])

# -- compressed: JPEG 2000 lossless and JPEG lossless transfer syntaxes (fake codestreams) --
d = fresh("compressed")
s = np.zeros((4, 4), dtype=np.int16)
save(dataset(uid(3001), uid(3001, 1), 4, 4, s, ts=JPEG2000Lossless, slope=1, intercept=-1024,
             ipp=(0, 0, 0), iop=STD, instance=1), d, "j2k.dcm")
d2 = fresh("compressed_jpeg")
save(dataset(uid(3002), uid(3002, 1), 4, 4, s, ts=JPEGLosslessSV1, slope=1, intercept=-1024,
             ipp=(0, 0, 0), iop=STD, instance=1), d2, "jpegls.dcm")
expected["compressed"] = dict(transfer_syntax=str(JPEG2000Lossless))
expected["compressed_jpeg"] = dict(transfer_syntax=str(JPEGLosslessSV1))

# -- bad inputs --
d = fresh("text_named_dcm")
with open(os.path.join(d, "notes.dcm"), "w") as f:
    f.write("This is a plain text file that only pretends to be DICOM.\n" * 4)
d = fresh("truncated")
s = np.arange(64, dtype=np.int16).reshape(8, 8)
full = os.path.join(d, "full.tmp")
save(dataset(uid(4001), uid(4001, 1), 8, 8, s, slope=1, intercept=-1024, ipp=(0, 0, 0),
             iop=STD, instance=1), d, "full.tmp")
with open(full, "rb") as f:
    data = f.read()
os.remove(full)
with open(os.path.join(d, "cut.dcm"), "wb") as f:
    f.write(data[:-40])  # pixel data cut short
d = fresh("mixed_sizes")
for k, (r, c) in enumerate([(8, 8), (8, 10)]):
    s = np.zeros((r, c), dtype=np.int16)
    save(dataset(uid(5001), uid(5001, 10 + k), r, c, s, slope=1, intercept=-1024,
                 ipp=(0, 0, k), iop=STD, instance=k + 1), d, "m%d.dcm" % k)

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
print("fixtures written to", HERE)
