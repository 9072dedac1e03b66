import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { resizePhoto } from '../field/photos';
import { useI18n } from '../i18n';
import { FileButton } from './FileButton';

export interface PickedPhoto {
  blob: Blob;
  url: string;
}

/**
 * The photos of a report form, as blobs with preview URLs: `add` resizes what the camera gives; with room for one
 * photo a new one replaces it, otherwise new ones are appended up to `max`.
 */
export function usePhotos(max: number) {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const latest = useRef(photos);
  latest.current = photos;
  const replace = useCallback((blobs: Blob[]) => {
    setPhotos((current) => {
      current.forEach((photo) => URL.revokeObjectURL(photo.url));
      return blobs.map((blob) => ({ blob, url: URL.createObjectURL(blob) }));
    });
  }, []);
  const add = useCallback(
    async (files: File[]) => {
      const resized = await Promise.all(files.map((file) => resizePhoto(file)));
      const kept = max === 1 ? [] : latest.current.map((p) => p.blob);
      replace([...kept, ...resized].slice(0, max));
    },
    [max, replace],
  );
  const remove = useCallback(
    (index: number) => replace(latest.current.filter((_, i) => i !== index).map((p) => p.blob)),
    [replace],
  );
  return { photos, replace, add, remove };
}

interface PhotoPickerProps {
  photos: PickedPhoto[];
  /** More than one: the camera may give several at once. */
  max: number;
  onAdd: (files: File[]) => void;
  /** With it, each preview has a button that removes that photo. */
  onRemove?: (index: number) => void;
}

/** 拍照上传: the camera button and the previews of what was picked. */
export function PhotoPicker({ photos, max, onAdd, onRemove }: PhotoPickerProps) {
  const { t } = useI18n();
  return (
    <Space direction="vertical">
      <FileButton
        label={t('report.takePhoto')}
        icon={<CameraOutlined />}
        accept="image/*"
        capture="environment"
        multiple={max > 1}
        onFiles={onAdd}
      />
      {photos.length > 0 && (
        <div className="photo-grid">
          {photos.map((photo, index) => (
            <span key={photo.url} style={{ position: 'relative' }}>
              <img src={photo.url} alt={t('report.photoAlt', { n: index + 1 })} />
              {onRemove && (
                <Button
                  size="small"
                  shape="circle"
                  icon={<DeleteOutlined />}
                  aria-label={t('report.removePhoto', { n: index + 1 })}
                  style={{ position: 'absolute', top: 2, right: 2 }}
                  onClick={() => onRemove(index)}
                />
              )}
            </span>
          ))}
        </div>
      )}
    </Space>
  );
}
